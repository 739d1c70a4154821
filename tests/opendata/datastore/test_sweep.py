"""The periodic sweep: loads the broker missed, loads whose worker died, tables left behind."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone

from opendata.catalogue import services as catalogue_services
from opendata.datastore import selectors, services, tasks
from opendata.datastore.models import DatastoreTable, OrphanedTable

GOOD = b"id;name\n1;Anna\n2;Bert\n"
NEW = b"id;name\n1;Anna\n2;Bert\n3;Cem\n"


def _names(table: DatastoreTable) -> list[str]:
    table.refresh_from_db()
    return [row[2] for row in selectors.datastore_rows_iter(table)]


def _tables() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def _create_table(name: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE TABLE "{name}" ("_id" INTEGER PRIMARY KEY, "name" TEXT)')


@pytest.fixture
def broker_down(celery_broker):
    """Jobs cannot be sent (port 9 is closed on loopback); ``.up()`` runs them eagerly again."""
    from portal.celery import app

    celery_broker("redis://127.0.0.1:9/0")

    class Broker:
        @staticmethod
        def up() -> None:
            app.conf.task_always_eager = True

    return Broker


@pytest.fixture
def enqueued(monkeypatch):
    """The ids of the distributions whose load the sweep enqueues (run at once, eagerly)."""
    sent: list[str] = []

    def enqueue(task, distribution_id, *args):
        sent.append(distribution_id)
        task.apply_async(args=(distribution_id, *args))
        return True

    monkeypatch.setattr(services, "enqueue", enqueue)
    return sent


def test_the_beat_runs_the_sweep():
    entry = settings.CELERY_BEAT_SCHEDULE["datastore-sweep"]
    assert entry["task"] == tasks.datastore_sweep_task.name


def test_an_upload_while_the_broker_is_down_is_kept_and_the_sweep_loads_it_later(
    csv_distribution, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        distribution = csv_distribution(GOOD)
    distribution.refresh_from_db()
    assert distribution.file.read() == GOOD  # the upload is kept
    assert not DatastoreTable.objects.filter(distribution=distribution, loaded_at__isnull=False)
    swept = services.datastore_sweep()  # the broker is still down: nothing lost, nothing sent
    assert swept.loads_enqueued == 0 and swept.loads_due >= 1
    broker_down.up()
    assert tasks.datastore_sweep_task()["loads_enqueued"] >= 1
    table = DatastoreTable.objects.get(distribution=distribution)
    assert table.status == DatastoreTable.Status.ACTIVE
    assert _names(table) == ["Anna", "Bert"]


def test_a_replaced_csv_whose_load_could_not_be_queued_is_reloaded_by_the_sweep(
    csv_distribution, broker_down, django_capture_on_commit_callbacks
):
    distribution = csv_distribution(GOOD)
    table = services.datastore_load(distribution=distribution)
    with django_capture_on_commit_callbacks(execute=True):
        distribution.file.save("daten.csv", ContentFile(NEW), save=False)
        catalogue_services.distribution_save(distribution=distribution)
    assert _names(table) == ["Anna", "Bert"]  # the old rows, until the sweep
    broker_down.up()
    services.datastore_sweep()
    assert _names(table) == ["Anna", "Bert", "Cem"]
    assert table.status == DatastoreTable.Status.ACTIVE


def test_the_sweep_leaves_checked_tables_alone(csv_distribution, enqueued):
    distribution = csv_distribution(GOOD)
    services.datastore_load(distribution=distribution)
    broken = csv_distribution(b"a,a\n1,2\n")  # fails for its file: no retry without a new one
    assert services.datastore_load(distribution=broken).status == DatastoreTable.Status.FAILED
    services.datastore_sweep()
    assert not {str(distribution.pk), str(broken.pk)} & set(enqueued)


def test_a_file_the_catalogue_records_with_another_checksum_is_checked_again_daily(
    csv_distribution, enqueued, time_machine
):
    distribution = csv_distribution(GOOD)
    table = services.datastore_load(distribution=distribution)
    # Replaced in the storage, with the catalogue's checksum, but the record not saved.
    storage = distribution.file.storage
    storage.delete(distribution.file.name)
    storage.save(distribution.file.name, ContentFile(NEW))
    type(distribution).objects.filter(pk=distribution.pk).update(
        checksum_sha256=hashlib.sha256(NEW).hexdigest()
    )
    services.datastore_sweep()
    assert str(distribution.pk) not in enqueued  # checked a moment ago
    time_machine.move_to(timezone.now() + services.RECHECK_RECORDED_CHECKSUM + timedelta(1))
    services.datastore_sweep()
    assert str(distribution.pk) in enqueued
    assert _names(table) == ["Anna", "Bert", "Cem"]


def test_a_load_whose_worker_died_is_enqueued_again_and_its_table_dropped(
    csv_distribution, enqueued, time_machine
):
    distribution = csv_distribution(GOOD)
    table = services.datastore_load(distribution=distribution)
    distribution.file.save("daten.csv", ContentFile(NEW), save=True)
    # Its load was taken by a worker killed halfway: claimed, a temporary table half full.
    DatastoreTable.objects.filter(pk=table.pk).update(status=DatastoreTable.Status.LOADING)
    temporary = f"{table.table_name}_0badf00d"
    _create_table(temporary)
    services.datastore_sweep()
    assert str(distribution.pk) not in enqueued  # the claim may still be alive
    assert temporary in _tables()
    time_machine.move_to(timezone.now() + services.STALE_LOADING + timedelta(minutes=1))
    services.datastore_sweep()
    assert enqueued.count(str(distribution.pk)) == 1
    assert _names(table) == ["Anna", "Bert", "Cem"]
    assert table.status == DatastoreTable.Status.ACTIVE
    assert temporary in _tables()  # an orphan now, first seen: dropped after the grace period
    time_machine.move_to(timezone.now() + services.ORPHAN_GRACE + timedelta(minutes=1))
    services.datastore_sweep()
    assert temporary not in _tables()
    assert table.table_name in _tables()
    assert enqueued.count(str(distribution.pk)) == 1


def test_orphaned_tables_are_dropped_after_a_grace_period(csv_distribution, time_machine):
    table = services.datastore_load(distribution=csv_distribution(GOOD))
    orphan = "datastore_" + "ab" * 16
    _create_table(orphan)
    own_tables = {"datastore_datastoretable", "datastore_orphanedtable"}
    assert services.datastore_sweep().orphans_dropped == 0
    assert OrphanedTable.objects.filter(name=orphan).exists()
    time_machine.move_to(timezone.now() + services.ORPHAN_GRACE - timedelta(minutes=5))
    assert services.datastore_sweep().orphans_dropped == 0
    assert orphan in _tables()
    time_machine.move_to(timezone.now() + timedelta(minutes=10))
    assert services.datastore_sweep().orphans_dropped == 1
    tables = _tables()
    assert orphan not in tables
    assert {table.table_name, *own_tables} <= tables
    assert not OrphanedTable.objects.exists()


def test_a_table_that_gets_its_record_within_the_grace_period_is_kept(
    csv_distribution, time_machine
):
    distribution = csv_distribution(GOOD)
    table = services.datastore_load(distribution=distribution)
    DatastoreTable.objects.filter(pk=table.pk).update(table_name="datastore_" + "cd" * 16)
    services.datastore_sweep()
    assert OrphanedTable.objects.filter(name=table.table_name).exists()
    DatastoreTable.objects.filter(pk=table.pk).update(table_name=table.table_name)
    time_machine.move_to(timezone.now() + services.ORPHAN_GRACE + timedelta(minutes=1))
    assert services.datastore_sweep().orphans_dropped == 0
    assert _names(table) == ["Anna", "Bert"]
