"""Side effects are explicit: no ``save()``, ``delete()`` or signal handler of ours writes
history, indexes search text or enqueues work. Services do that, where one can see it.

Every model of the portal's own apps is built by its factory, then saved and deleted again
while the test watches the SQL (no row of another table is written), the search text (a
planted value survives ``save()``) and Celery (nothing is sent, on commit or at once).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection
from django.db.models import Model
from django.test.utils import CaptureQueriesContext
from modelcluster.fields import ParentalKey

from tests.factories.registry import factories_by_model
from tests.test_factories import own_models

# Tables whose writes on save() belong to a library's own design, not to our code.
LIBRARY_TABLES = {
    # Wagtail keeps its reference index ("usage" in the admin) up to date on save itself.
    "wagtailcore_referenceindex",
    # Wagtail's database search backend indexes its own indexed models (pages, images).
    "wagtailsearch_indexentry",
    "wagtailsearch_indexentry_fts",
    # Wagtail logs a page's deletion in its own audit log.
    "wagtailcore_pagelogentry",
}
WRITE = re.compile(r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def _own_tables(model: type[Model]) -> set[str]:
    """The model's table, its parents' (multi-table inheritance) and its child relations'."""
    tables = {model._meta.db_table}
    tables |= {parent._meta.db_table for parent in model._meta.get_parent_list()}
    for relation in model._meta.related_objects:
        if isinstance(relation.field, ParentalKey):  # modelcluster saves children with it
            tables.add(relation.related_model._meta.db_table)
    for field in model._meta.local_many_to_many:
        tables.add(field.remote_field.through._meta.db_table)
    return tables


def _written_tables(queries: list[dict]) -> list[tuple[str, str]]:
    found = []
    for query in queries:
        match = WRITE.match(query["sql"])
        if match:
            found.append((match.group(1).split()[0].upper(), match.group(2)))
    return found


@contextmanager
def _watching(monkeypatch, django_capture_on_commit_callbacks) -> Iterator[list[str]]:
    sent: list[str] = []

    def apply_async(task, *args, **kwargs):
        sent.append(task.name)

    monkeypatch.setattr("celery.app.task.Task.apply_async", apply_async)
    with django_capture_on_commit_callbacks(execute=True):
        yield sent


def _stored(model: type[Model]) -> Model:
    factory = factories_by_model()[model]
    instance = factory.create()
    return type(instance)._base_manager.get(pk=instance.pk)


def _models() -> list[type[Model]]:
    return [model for model in own_models() if model in factories_by_model()]


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.mark.django_db
@pytest.mark.usefixtures("media_root")
@pytest.mark.parametrize("model", _models(), ids=lambda model: model._meta.label)
def test_save_writes_only_its_own_rows_and_enqueues_nothing(
    model, monkeypatch, django_capture_on_commit_callbacks
):
    instance = _stored(model)
    if hasattr(instance, "search_text"):
        instance.search_text = "planted search text"
    allowed = _own_tables(model) | LIBRARY_TABLES

    with (
        _watching(monkeypatch, django_capture_on_commit_callbacks) as sent,
        CaptureQueriesContext(connection) as queries,
    ):
        instance.save()

    foreign = [(verb, table) for verb, table in _written_tables(queries) if table not in allowed]
    assert foreign == [], f"{model._meta.label}.save() wrote elsewhere: {foreign}"
    assert sent == [], f"{model._meta.label}.save() enqueued {sent}"
    if hasattr(instance, "search_text"):
        instance.refresh_from_db()
        assert instance.search_text == "planted search text", "save() indexed search text"


@pytest.mark.django_db
@pytest.mark.usefixtures("media_root")
@pytest.mark.parametrize("model", _models(), ids=lambda model: model._meta.label)
def test_delete_records_no_history_and_enqueues_nothing(
    model, monkeypatch, django_capture_on_commit_callbacks
):
    instance = _stored(model)

    with (
        _watching(monkeypatch, django_capture_on_commit_callbacks) as sent,
        CaptureQueriesContext(connection) as queries,
    ):
        instance.delete()

    inserted = [table for verb, table in _written_tables(queries) if verb == "INSERT"]
    inserted = [table for table in inserted if table not in LIBRARY_TABLES]
    assert inserted == [], f"deleting a {model._meta.label} inserted rows into {inserted}"
    assert sent == [], f"deleting a {model._meta.label} enqueued {sent}"


@pytest.mark.django_db
def test_the_watch_sees_a_planted_side_effect(monkeypatch, django_capture_on_commit_callbacks):
    """The checks above can fail: a receiver that writes history and enqueues is caught."""
    from django.db import transaction
    from django.db.models.signals import post_save

    from portal.core.models import ContactMessage, District
    from portal.core.tasks import contact_message_forward_task

    def receiver(sender, instance, **kwargs):
        ContactMessage.objects.create(
            topic="general", name="n", email="n@example.org", message="history"
        )
        transaction.on_commit(lambda: contact_message_forward_task.delay(1))

    district = _stored(District)
    post_save.connect(receiver, sender=District, dispatch_uid="planted")
    try:
        with (
            _watching(monkeypatch, django_capture_on_commit_callbacks) as sent,
            CaptureQueriesContext(connection) as queries,
        ):
            district.save()
    finally:
        post_save.disconnect(sender=District, dispatch_uid="planted")

    written = _written_tables(queries)
    assert ("INSERT", ContactMessage._meta.db_table) in written
    assert ContactMessage._meta.db_table not in _own_tables(District)
    assert sent == [contact_message_forward_task.name]
