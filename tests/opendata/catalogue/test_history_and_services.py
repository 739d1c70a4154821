"""Every change of a record is kept; the portal's APIs appear as data services; the whole
catalogue streams as Turtle."""

from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.namespace import DCAT, RDF

from opendata.catalogue import history, services
from opendata.catalogue.models import (
    DataService,
    Dataset,
    DatasetRecordChange,
    Distribution,
    Publisher,
)


@pytest.fixture
def draft(demo_city):
    dataset = Dataset(
        name="historie-test",
        title="Historie",
        description="Erste Fassung",
        publisher=Publisher.objects.first(),
        contact_name="Team",
        contact_email="team@lindenhafen.example",
    )
    return services.dataset_save(dataset=dataset)


def test_every_change_is_a_new_version_and_saving_unchanged_adds_none(draft):
    assert draft.record_changes.count() == 1
    draft.description = "Zweite Fassung"
    services.dataset_save(dataset=draft)
    services.dataset_save(dataset=draft)  # nothing changed
    versions = list(draft.record_changes.order_by("changed_at", "id"))
    assert len(versions) == 2
    assert versions[0].snapshot["description"] == "Erste Fassung"
    assert versions[1].snapshot["description"] == "Zweite Fassung"
    assert versions[1].changed_fields == ["description"]


def test_themes_keywords_and_distributions_are_part_of_the_record(draft):
    draft.themes.set(["ENVI"])
    draft.keywords.add("Luft")
    services.dataset_save(dataset=draft)
    latest = draft.record_changes.first()
    assert latest.snapshot["themes"] == ["ENVI"]
    assert latest.snapshot["keywords"] == ["Luft"]
    assert set(latest.changed_fields) == {"keywords", "themes"}
    services.distribution_save(
        distribution=Distribution(
            dataset=draft,
            title="CSV",
            url="https://daten.example/a.csv",
            format="CSV",
            licence="dl-by-de/2.0",
        )
    )
    latest = draft.record_changes.first()
    assert latest.changed_fields == ["distributions"]
    assert latest.snapshot["distributions"][0]["url"] == "https://daten.example/a.csv"


def test_who_and_where_come_from_the_context(draft, city_admin):
    with history.changes_by(city_admin, "harvest"):
        draft.title = "Geerntet"
        services.dataset_save(dataset=draft)
    latest = draft.record_changes.first()
    assert latest.source == "harvest"
    assert latest.changed_by == city_admin


def test_admin_edit_records_the_editor(client, city_admin, demo_city):
    dataset = Dataset.objects.published().get(name="ladepunkte")
    before = dataset.record_changes.count()
    client.force_login(city_admin)
    page = client.get(f"/admin/snippets/catalogue/dataset/edit/{dataset.pk}/")
    form = page.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        else:
            data[name] = value
    for formset in form.formsets.values():
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for index, subform in enumerate(formset.forms):
            for name in subform.fields:
                value = subform[name].value()
                if value not in (None, "") and name != "file":
                    data[f"{formset.prefix}-{index}-{name}"] = value
    data["keywords"] = ", ".join(dataset.keyword_names)
    data["description"] = dataset.description + " Ergänzt."
    response = client.post(f"/admin/snippets/catalogue/dataset/edit/{dataset.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    assert dataset.record_changes.count() == before + 1
    latest = dataset.record_changes.first()
    assert latest.source == "admin"
    assert latest.changed_by == city_admin
    assert "description" in latest.changed_fields
    history_page = client.get("/admin/catalogue/history/")
    assert history_page.status_code == 200
    assert "ladepunkte" in history_page.content.decode()


def test_history_cannot_be_edited_in_the_admin(client, city_admin, draft):
    client.force_login(city_admin)
    change = DatasetRecordChange.objects.first()
    response = client.get(f"/admin/catalogue/history/edit/{change.pk}/")
    assert response.status_code in {302, 403}
    assert client.get(f"/admin/catalogue/history/inspect/{change.pk}/").status_code == 200


def test_data_services_are_in_the_catalogue(client, demo_city):
    graph = Graph().parse(data=client.get("/catalog.ttl").content, format="turtle")
    data_services = set(graph.subjects(RDF.type, DCAT.DataService))
    assert len(data_services) == DataService.objects.filter(is_published=True).count() >= 3
    catalog = next(graph.subjects(RDF.type, DCAT.Catalog))
    assert set(graph.objects(catalog, DCAT.service)) == data_services
    ckan = next(s for s in data_services if str(s).endswith("/service/ckan-action-api"))
    assert str(graph.value(ckan, DCAT.endpointURL)).endswith("/api/3/action/")
    served = set(graph.objects(ckan, DCAT.servesDataset))
    assert served == set(graph.objects(catalog, DCAT.dataset))


def test_whole_catalogue_streams_as_turtle(client, demo_city):
    response = client.get("/catalog.ttl?page=all")
    assert response.status_code == 200
    assert response.streaming
    body = b"".join(response.streaming_content)
    graph = Graph().parse(data=body, format="turtle")
    datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == Dataset.objects.published().count()
    catalog = next(graph.subjects(RDF.type, DCAT.Catalog))
    assert set(graph.objects(catalog, DCAT.dataset)) == datasets
    assert len(set(graph.subjects(RDF.type, DCAT.Distribution))) == (
        Dataset.objects.published().values("distributions").count()
    )
    assert client.get("/catalog.rdf?page=all").status_code == 400


def test_a_changed_distribution_makes_the_dataset_modified(demo_city):
    """Incremental harvesters ask for metadata_modified since their last run."""
    dataset = Dataset.objects.published().get(name="ladepunkte")
    before = dataset.metadata_modified
    distribution = dataset.distributions.first()
    distribution.title = distribution.title + " (neu)"
    services.distribution_save(distribution=distribution)
    dataset.refresh_from_db()
    assert dataset.metadata_modified > before
    assert dataset.record_changes.first().changed_fields == ["distributions"]


def test_deleting_a_dataset_keeps_its_history_and_says_so(draft):
    services.distribution_save(
        distribution=Distribution(
            dataset=draft,
            title="CSV",
            url="https://daten.example/a.csv",
            format="CSV",
            licence="dl-by-de/2.0",
        )
    )
    versions = draft.record_changes.count()
    name = draft.name
    services.dataset_delete(dataset=draft)
    kept = DatasetRecordChange.objects.filter(dataset_name=name)
    assert kept.count() == versions + 1
    assert kept.first().snapshot == {"name": name, "state": "deleted"}
