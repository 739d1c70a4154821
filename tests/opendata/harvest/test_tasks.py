"""The Celery tasks: thin, idempotent, queued once per active source."""

from __future__ import annotations

import copy
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from opendata.catalogue.models import Dataset
from opendata.harvest import services, tasks
from opendata.harvest.models import HarvestJob, HarvestSource


def test_the_task_runs_the_job_and_a_second_delivery_changes_nothing(
    fake_ckan, recorded_packages, empty_catalogue, ckan_source
):
    fake_ckan.packages = copy.deepcopy(recorded_packages)
    job = HarvestJob.objects.create(source=ckan_source, kind="ckan")

    assert tasks.harvest_source_run_task.delay(ckan_source.pk, job.pk).get() == "finished"
    requests = len(fake_ckan.requests)
    assert tasks.harvest_source_run_task.delay(ckan_source.pk, job.pk).get() == "finished"

    assert len(fake_ckan.requests) == requests
    assert Dataset.objects.count() == len(recorded_packages)


def test_active_sources_without_a_waiting_job_are_queued(
    ckan_source, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr(
        services, "enqueue", lambda task, *args: sent.append((task.name, args)) or True
    )
    HarvestSource.objects.create(
        title="Inaktiv",
        kind="dcat",
        url="https://daten.example/catalog.ttl",
        publisher=ckan_source.publisher,
        active=False,
    )
    busy = HarvestSource.objects.create(
        title="Läuft schon",
        kind="dcat",
        url="https://daten.example/catalog.ttl",
        publisher=ckan_source.publisher,
    )
    HarvestJob.objects.create(source=busy, kind="dcat", status=HarvestJob.Status.RUNNING)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.harvest_sources_queue_active() == 1

    job = HarvestJob.objects.get(source=ckan_source)
    assert job.status == HarvestJob.Status.QUEUED
    assert sent == [("opendata.harvest.tasks.harvest_source_run_task", (ckan_source.pk, job.pk))]


def test_beat_queues_the_active_sources_nightly():
    entry = settings.CELERY_BEAT_SCHEDULE["harvest-active-sources"]
    assert entry["task"] == tasks.harvest_sources_queue_active_task.name


def test_the_sweep_resends_forgotten_jobs_and_fails_dead_ones(ckan_source, monkeypatch):
    sent = []
    monkeypatch.setattr(services, "enqueue", lambda task, *args: sent.append(args) or True)
    now = timezone.now()
    forgotten = HarvestJob.objects.create(source=ckan_source, kind="ckan")
    HarvestJob.objects.filter(pk=forgotten.pk).update(created=now - timedelta(minutes=30))
    fresh = HarvestJob.objects.create(source=ckan_source, kind="ckan")
    dead = HarvestJob.objects.create(
        source=ckan_source, kind="ckan", status="running", started=now - timedelta(hours=3)
    )
    alive = HarvestJob.objects.create(
        source=ckan_source, kind="ckan", status="running", started=now - timedelta(minutes=5)
    )

    services.harvest_jobs_sweep()

    assert sent == [(ckan_source.pk, forgotten.pk)]
    assert fresh.pk not in {job_id for _source, job_id in sent}
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.status == HarvestJob.Status.FAILED
    assert "stopped without a result" in dead.errors[0]["message"]
    assert alive.status == HarvestJob.Status.RUNNING
