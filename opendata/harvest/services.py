"""Writes of harvesting: queue and run harvest jobs, import metadata sheets.

Each job imports inside one transaction: when anything fails, nothing of it is kept and the
job (saved outside that transaction) says why.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opendata.harvest import csv_sheet
from opendata.harvest.ckan import ckan_records_gather
from opendata.harvest.dcat import dcat_records_gather
from opendata.harvest.importing import JobLog, harvested_records_import
from opendata.harvest.models import HarvestJob, HarvestSource
from opendata.harvest.remote import HarvestFailed
from portal.core.jobs import enqueue

logger = logging.getLogger(__name__)


class _RolledBack(Exception):
    """Raised inside the import transaction to undo it when rows had errors."""


def _user(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _job_end(job: HarvestJob, *, log: JobLog | None, failure: str | None = None) -> HarvestJob:
    job.finished = timezone.now()
    if failure is not None or log is None:
        job.status = HarvestJob.Status.FAILED
        job.created_count = job.updated_count = job.unchanged_count = job.skipped_count = 0
        errors = list(log.errors) if log is not None else []
        if failure is not None:
            errors.insert(0, {"record": "", "field": "", "message": failure})
        job.errors = errors
    else:
        job.status = HarvestJob.Status.FINISHED
        job.created_count = log.created
        job.updated_count = log.updated
        job.unchanged_count = log.unchanged
        job.skipped_count = log.skipped
        job.errors = log.errors
    job.save()
    return job


@transaction.atomic
def harvest_job_queue(*, source: HarvestSource, user: Any = None) -> HarvestJob:
    """A queued job for the source, sent to the worker once committed."""
    from opendata.harvest.tasks import harvest_source_run_task

    job = HarvestJob.objects.create(
        source=source, kind=source.kind, started_by=_user(user), status=HarvestJob.Status.QUEUED
    )
    HarvestSource.objects.filter(pk=source.pk).update(last_job=job)
    transaction.on_commit(lambda: enqueue(harvest_source_run_task, source.pk, job.pk))
    return job


# A job queued this long ago never reached a worker (broker down): send it again.
REQUEUE_AFTER = timedelta(minutes=15)
# A job running this long outlived the task's time limit: its worker is gone.
STALE_AFTER = timedelta(hours=2)


def harvest_jobs_sweep() -> None:
    """Resend queued jobs that never ran; mark jobs whose worker died as failed."""
    now = timezone.now()
    HarvestJob.objects.filter(
        status=HarvestJob.Status.RUNNING, started__lt=now - STALE_AFTER
    ).update(
        status=HarvestJob.Status.FAILED,
        finished=now,
        errors=[
            {
                "record": "",
                "field": "",
                "message": _("The job stopped without a result (its worker ended)."),
            }
        ],
    )
    from opendata.harvest.tasks import harvest_source_run_task

    waiting = HarvestJob.objects.filter(
        status=HarvestJob.Status.QUEUED, created__lt=now - REQUEUE_AFTER, source__isnull=False
    ).values_list("source_id", "pk")
    for source_id, job_id in waiting:
        enqueue(harvest_source_run_task, source_id, job_id)


def harvest_sources_queue_active() -> int:
    """Queue a job for every active source that has none waiting or running (Celery beat)."""
    harvest_jobs_sweep()
    busy = HarvestJob.objects.filter(
        status__in=[HarvestJob.Status.QUEUED, HarvestJob.Status.RUNNING], source__isnull=False
    ).values("source_id")
    sources = HarvestSource.objects.filter(active=True).exclude(pk__in=busy)
    count = 0
    for source in sources:
        harvest_job_queue(source=source)
        count += 1
    return count


def harvest_last_error_free_start(*, source: HarvestSource, exclude: int | None) -> datetime | None:
    """When the last run without any error started: incremental runs ask for changes since."""
    jobs = (
        HarvestJob.objects.filter(source=source, status=HarvestJob.Status.FINISHED)
        .exclude(pk__in=[] if exclude is None else [exclude])
        .exclude(started=None)
        .order_by("-started")
        .only("started", "errors")[:50]
    )
    for job in jobs:
        if not job.errors:
            return job.started
    return None


def harvest_source_run(*, source_id: int, job_id: int) -> HarvestJob:
    """Run a queued job; a job that already ran (or is running) is left as it is."""
    claimed = HarvestJob.objects.filter(
        pk=job_id, source_id=source_id, status=HarvestJob.Status.QUEUED
    ).update(status=HarvestJob.Status.RUNNING, started=timezone.now())
    job = HarvestJob.objects.select_related("source__publisher", "started_by").get(pk=job_id)
    source = job.source
    if not claimed or source is None:  # the claim names the source, so it is there
        return job
    HarvestSource.objects.filter(pk=source.pk).update(last_job=job)
    log = JobLog()
    try:
        if source.kind == HarvestSource.Kind.CKAN:
            since = harvest_last_error_free_start(source=source, exclude=job.pk)
            records = ckan_records_gather(source=source, since=since, log=log)
        else:
            records = dcat_records_gather(source=source, log=log)
        with transaction.atomic():
            harvested_records_import(source=source, records=records, log=log, user=job.started_by)
    except HarvestFailed as failed:
        return _job_end(job, log=None, failure=failed.message)
    except Exception as exc:
        logger.exception("harvest job %s of source %s failed", job.pk, source.pk)
        return _job_end(
            job,
            log=None,
            failure=_("The harvest stopped because of an unexpected error (%(error)s).")
            % {"error": exc.__class__.__name__},
        )
    return _job_end(job, log=log)


def csv_sheet_import(*, content: bytes, file_name: str = "", user: Any = None) -> HarvestJob:
    """Import a metadata sheet completely or not at all; the job lists every row error."""
    job = HarvestJob.objects.create(
        kind=HarvestJob.Kind.CSV,
        status=HarvestJob.Status.RUNNING,
        started=timezone.now(),
        file_name=file_name[:255],
        started_by=_user(user),
    )
    log: JobLog | None = None
    try:
        rows, log = csv_sheet.sheet_parse(content)
        if log.errors:
            return _job_end(job, log=log, failure=_("The sheet has errors; nothing was imported."))
        with transaction.atomic():
            csv_sheet.sheet_rows_import(rows=rows, log=log, user=job.started_by)
            if log.errors:
                raise _RolledBack
    except _RolledBack:
        return _job_end(job, log=log, failure=_("The sheet has errors; nothing was imported."))
    except HarvestFailed as failed:
        return _job_end(job, log=None, failure=failed.message)
    except Exception as exc:
        logger.exception("CSV import job %s failed", job.pk)
        return _job_end(
            job,
            log=None,
            failure=_("The import stopped because of an unexpected error (%(error)s).")
            % {"error": exc.__class__.__name__},
        )
    return _job_end(job, log=log)
