"""Side effects of catalogue writes are explicit: services run them, never save() or signals.

History versions, search words and data-store loads follow a write through
``opendata.catalogue.services`` (and the admin's hooks, which call the services); saving a
model directly does none of them, and no signal receiver on a catalogue, data-store or
harvest model does either.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db.models import signals
from taggit.models import Tag

from opendata.catalogue import fields, history, services
from opendata.catalogue.api.serializers import DatasetSerializer, DatasetWriteSerializer
from opendata.catalogue.ckan.registry import actions
from opendata.catalogue.models import Dataset, DatasetRecordChange, Distribution, Publisher
from opendata.harvest import csv_sheet

pytestmark = pytest.mark.django_db

APPS = ("catalogue", "datastore", "harvest")
MODEL_SIGNALS = {
    "pre_save": signals.pre_save,
    "post_save": signals.post_save,
    "pre_delete": signals.pre_delete,
    "post_delete": signals.post_delete,
    "m2m_changed": signals.m2m_changed,
}
# Cleanup only: a cascade from a deleted distribution calls no service, so the rows of its
# data-store table are dropped by this receiver (it writes no history, words or jobs).
ALLOWED_RECEIVERS = {("post_delete", "datastore", "opendata.datastore.signals")}


def _receiver_modules(signal, model) -> set[str]:
    modules = set()
    for receiver in signal._live_receivers(model)[0]:
        function = getattr(receiver, "__func__", receiver)
        modules.add(getattr(function, "__module__", repr(function)))
    return modules


def test_no_signal_receiver_of_these_apps_models_does_side_work():
    found = set()
    models = [m for label in APPS for m in apps.get_app_config(label).get_models()]
    models.append(Tag)
    for model in models:
        for name, signal in MODEL_SIGNALS.items():
            for module in _receiver_modules(signal, model):
                if module.startswith(("opendata.", "portal.")):
                    found.add((name, model._meta.app_label, module))
    assert found <= ALLOWED_RECEIVERS, found - ALLOWED_RECEIVERS


def test_no_model_of_these_apps_overrides_save_or_delete():
    overriding = []
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            for method in ("save", "delete"):
                if method in vars(model):
                    overriding.append(f"{model.__name__}.{method}")
    assert overriding == []


def _new_dataset(name: str) -> Dataset:
    return Dataset(
        name=name,
        title="Wasserstände",
        description="Pegel",
        publisher=Publisher.objects.order_by("name").first(),
        contact_name="Team",
        contact_email="team@lindenhafen.example",
    )


def test_saving_models_directly_records_indexes_and_enqueues_nothing(
    demo_city, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        dataset = _new_dataset("direkt-gespeichert")
        dataset.save()
        distribution = Distribution(
            dataset=dataset, title="CSV", format="CSV", licence="dl-zero-de/2.0"
        )
        distribution.file.save("direkt.csv", ContentFile(b"a,b\n1,2\n"), save=False)
        distribution.save()
        Publisher.objects.order_by("name").first().save()
    try:
        assert callbacks == []
        dataset.refresh_from_db()
        assert dataset.search_text == ""
        assert not DatasetRecordChange.objects.filter(dataset_name=dataset.name).exists()
    finally:
        distribution.file.storage.delete(distribution.file.name)


def test_the_services_record_index_and_enqueue(demo_city, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        dataset = services.dataset_save(dataset=_new_dataset("per-dienst"), source="import")
        distribution = Distribution(
            dataset=dataset, title="CSV", format="CSV", licence="dl-zero-de/2.0"
        )
        distribution.file.save("dienst.csv", ContentFile(b"a,b\n1,2\n"), save=False)
        services.distribution_save(distribution=distribution, source="import")
    try:
        assert len(callbacks) == 1  # the data store's load, registered in its ready()
        dataset.refresh_from_db()
        assert "wasserstände" in dataset.search_text
        versions = DatasetRecordChange.objects.filter(dataset_name="per-dienst")
        assert versions.count() == 2
        assert {v.source for v in versions} == {"import"}
    finally:
        distribution.file.storage.delete(distribution.file.name)


def test_an_admin_create_is_recorded_and_indexed(client, city_admin, demo_city):
    client.force_login(city_admin)
    data = {
        "name": "im-admin-angelegt",
        "state": "draft",
        "publisher": str(Publisher.objects.first().pk),
        "title": "Im Admin angelegt",
        "description": "Beschreibung",
        "themes": ["TRAN"],
        "keywords": "Pegel",
        "licence": "dl-by-de/2.0",
        "access_rights": "PUBLIC",
        "contact_name": "Team",
        "contact_email": "team@lindenhafen.example",
        "distributions-TOTAL_FORMS": "0",
        "distributions-INITIAL_FORMS": "0",
        "distributions-MIN_NUM_FORMS": "0",
        "distributions-MAX_NUM_FORMS": "1000",
    }
    response = client.post("/admin/snippets/catalogue/dataset/add/", data)
    assert response.status_code == 302, response.context["form"].errors
    dataset = Dataset.objects.get(name="im-admin-angelegt")
    assert "pegel" in dataset.search_text.split()
    version = dataset.record_changes.get()
    assert (version.source, version.changed_by) == ("admin", city_admin)
    response = client.post(f"/admin/snippets/catalogue/dataset/delete/{dataset.pk}/")
    assert response.status_code == 302
    last = DatasetRecordChange.objects.filter(dataset_name="im-admin-angelegt").first()
    assert last.snapshot == {"name": "im-admin-angelegt", "state": "deleted"}


def test_a_keyword_renamed_in_the_django_admin_changes_its_datasets(client, city_admin, demo_city):
    dataset = Dataset.objects.published().filter(keyword_items__isnull=False).first()
    tag = Tag.objects.get(name=dataset.keyword_names[0])
    before = dataset.metadata_modified
    client.force_login(city_admin)
    address = f"/django-admin/taggit/tag/{tag.pk}/change/"
    data = {"name": "umbenannt-im-admin", "slug": "umbenannt-im-admin"}
    for inline in client.get(address).context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data |= {f"{inline.formset.prefix}-{k}": v for k, v in management.initial.items()}
    response = client.post(address, data)
    assert response.status_code == 302
    dataset.refresh_from_db()
    assert dataset.metadata_modified > before
    assert "umbenannt-im-admin" in dataset.search_text


def test_the_datastore_registers_its_ckan_actions():
    assert {"datastore_search", "datastore_info"} <= set(actions())


def test_the_field_users_derive_their_subsets_from_one_list(demo_city):
    assert set(DatasetWriteSerializer().fields) == set(fields.WRITE_FIELDS)
    assert DatasetSerializer.Meta.fields == ["id", *fields.OUTPUT_FIELDS, "dcat_url"]
    assert tuple(csv_sheet.SCALAR_FIELDS) == fields.SHEET_FIELDS
    record = history.snapshot(Dataset.objects.published().first())
    specials = {"publisher", "spatial", "themes", "keywords", "distributions"}
    assert set(record) == set(fields.VALUE_FIELDS) | specials
    assert set(fields.OUTPUT_FIELDS) <= {f.name for f in Dataset._meta.get_fields()} | {"keywords"}


def _imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_catalogue_imports_none_of_the_apps_built_on_it():
    # Sensors are left to their own registry in rdf.py (moved separately).
    forbidden = ("opendata.datastore", "opendata.harvest", "participation")
    root = Path(apps.get_app_config("catalogue").path)
    offending = {
        f"{path.relative_to(root)}: {module}"
        for path in root.rglob("*.py")
        for module in _imported_modules(path)
        if module.startswith(forbidden)
    }
    assert offending == set()


def test_rest_and_ckan_interfaces_do_not_import_each_other():
    root = Path(apps.get_app_config("catalogue").path)
    pairs = {"api": "opendata.catalogue.ckan", "ckan": "opendata.catalogue.api"}
    pairs |= {"public": "opendata.catalogue.api"}
    offending = {
        f"{path.relative_to(root)}: {module}"
        for package, other in pairs.items()
        for path in (root / package).rglob("*.py")
        for module in _imported_modules(path)
        if module.startswith(other)
    }
    assert offending == set()
