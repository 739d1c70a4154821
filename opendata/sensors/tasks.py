"""Thin Celery wrappers around the sensor services (for Celery beat)."""

from __future__ import annotations

from dataclasses import asdict

from celery import shared_task
from django.utils import timezone

from opendata.sensors import alerts, device_alerts, pseudonyms, publication, services
from opendata.sensors.catalogue import datastream_catalogue_update, datastreams_to_link
from opendata.sensors.models import Datastream
from opendata.sensors.sta import mqtt as sta_mqtt
from portal.core.jobs import MAIL_TASK_OPTIONS, enqueue


@shared_task(soft_time_limit=600, time_limit=660)
def raw_observations_delete_expired_task() -> int:
    """Delete raw readings older than the retention period (idempotent)."""
    return services.raw_observations_delete_expired()


@shared_task(
    autoretry_for=(pseudonyms.PseudonymKeyUnavailable,),
    retry_backoff=30,
    max_retries=5,
    soft_time_limit=30,
    time_limit=60,
)
def pseudonym_keys_rotate_task() -> int:
    """Delete the pseudonym keys of earlier days and create today's (idempotent)."""
    return pseudonyms.pseudonym_keys_rotate()


@shared_task(
    autoretry_for=(OSError,),
    retry_backoff=60,
    max_retries=3,
    acks_late=True,
    soft_time_limit=600,
    time_limit=660,
)
def datastream_catalogue_update_task(datastream_id: int) -> list[str] | None:
    """Link one published datastream to its catalogue dataset; write its monthly CSV files."""
    datastream = Datastream.objects.filter(pk=datastream_id).first()
    if datastream is None:
        return None  # deleted since
    result = datastream_catalogue_update(datastream=datastream)
    return result.written if result else None


@shared_task(soft_time_limit=60, time_limit=90)
def sensor_catalogue_update_task() -> int:
    """For Celery beat: one catalogue update per published datastream."""
    return sum(enqueue(datastream_catalogue_update_task, pk) for pk in datastreams_to_link())


@shared_task(soft_time_limit=50, time_limit=58)
def sensor_alerts_evaluate_task() -> dict[str, int]:
    """For Celery beat, every minute: open and close alerts, re-send pending alert mail."""
    return asdict(alerts.alerts_evaluate())


@shared_task(
    autoretry_for=(OSError,),  # smtplib's errors are OSErrors
    retry_backoff=30,
    retry_backoff_max=900,
    max_retries=8,
    acks_late=True,
)
def sensor_alert_notify_task(alert_id: int) -> bool:
    """Mail one alert to staff, once (idempotent: a mailed alert is not mailed again)."""
    return alerts.alert_notify(alert_id=alert_id)


@shared_task(
    autoretry_for=(OSError,),  # broker unreachable or not acknowledging
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=5,
    soft_time_limit=120,
    time_limit=150,
)
def sta_observations_announce_task(release_id: int) -> int:
    """Send a new release's observations on the SensorThings MQTT topics (QoS 1)."""
    return sta_mqtt.observations_announce(release_id=release_id)


@shared_task(soft_time_limit=540, time_limit=600)
def publish_datastream_task(datastream_id: int, deep: bool = False) -> int:
    """Publish the closed windows of one datastream (idempotent: stored releases are kept):
    those since the sweep horizon, or with `deep` those of the whole raw retention."""
    since = None if deep else publication.sweep_horizon(timezone.now())
    return publication.publish_due(datastream_ids=[datastream_id], since=since)


@shared_task(soft_time_limit=60, time_limit=90)
def publish_due_task(deep: bool = False) -> int:
    """Beat sweep: one publication job per publishable datastream with readings (every few
    minutes over the recent days; once a day, `deep`, over the whole raw retention)."""
    ids = publication.publishable_datastream_ids()
    for datastream_id in ids:
        enqueue(publish_datastream_task, datastream_id, deep)
    return len(ids)


@shared_task
def device_tokens_check_task() -> dict[str, int]:
    """Daily: staff mails about devices gone quiet or still on an ending previous token."""
    return device_alerts.device_tokens_check()


@shared_task(**MAIL_TASK_OPTIONS)
def device_unused_notify_task(device_id: int) -> bool:
    return device_alerts.device_unused_notify(device_id=device_id)


@shared_task(**MAIL_TASK_OPTIONS)
def device_previous_token_notify_task(device_id: int) -> bool:
    return device_alerts.device_previous_token_notify(device_id=device_id)
