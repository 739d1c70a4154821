"""Sensor alerts: thresholds crossed and sensors gone silent; staff mail once per alert.

``alerts_evaluate`` runs from Celery beat every minute. A beat job rather than a hook on
ingestion: silence can only be noticed by a clock, and one query a minute costs less than
work on every ingested batch (the ingestion path is benchmarked at thousands of readings per
second). A warning therefore appears within about a minute of the reading that crossed it.

- THRESHOLD: opens when a stream's latest reading is at or above ``warning_threshold``;
  closes when it falls below the threshold minus a hysteresis (5 % of the threshold by
  default, ``SENSOR_ALERT_HYSTERESIS``), so that a level hovering at the threshold does not
  open and close alerts with every reading. Latest reading: the raw reading for public and
  internal streams (for timeliness), the latest published value for person-derived streams
  (their raw readings are used nowhere outside publication).
- OFFLINE: opens when no reading arrived for ``offline_after_minutes`` (counted from the
  stream's creation when it never sent one); closes with the next reading.

Every new alert is mailed to the operator's department (else ``PORTAL_STAFF_EMAIL``) once:
``notified_at`` is claimed before sending and released when sending fails; the task retries,
and each evaluation re-enqueues alerts whose mail is still pending, so a mail server outage
never loses an alert. Open THRESHOLD alerts of public water-level gauges are shown to
everyone in a warning banner (``warning_banner``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Q, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from opendata.sensors import selectors
from opendata.sensors.models import Datastream, PublishedObservation, RawObservation, SensorAlert
from opendata.sensors.services import AlertEvent, alert_listeners
from portal.core.jobs import enqueue, enqueue_on_commit

logger = logging.getLogger(__name__)

BANNER_CACHE_KEY = "sensors:warning-banner:{language}"
TILES_CACHE_KEY = "sensors:tiles:{language}"
BANNER_CACHE_SECONDS = 30
# Alerts whose mail is still pending after this long are enqueued again; older ones are
# given up (logged), so that a long outage does not end in a flood of stale mails.
NOTIFY_RETRY_AFTER = timedelta(minutes=2)
NOTIFY_GIVE_UP_AFTER = timedelta(days=2)


def hysteresis(threshold: float) -> float:
    fraction = float(settings.SENSOR_ALERT_HYSTERESIS)
    return abs(threshold) * fraction


@dataclass
class Evaluation:
    opened: int = 0
    closed: int = 0
    notifications_enqueued: int = 0


def _streams_with_latest():
    raw = RawObservation.objects.filter(datastream=OuterRef("pk")).order_by("-phenomenon_time")
    published = PublishedObservation.objects.filter(
        datastream=OuterRef("pk"), suppressed=False, cell=""
    ).order_by("-phenomenon_time_start")
    return (
        Datastream.objects.filter(is_active=True)
        .filter(Q(warning_threshold__isnull=False) | Q(offline_after_minutes__isnull=False))
        .annotate(
            raw_time=Subquery(raw.values("phenomenon_time")[:1]),
            raw_value=Subquery(raw.values("result")[:1]),
            published_value=Subquery(published.values("result")[:1]),
        )
    )


def alert_event(alert: SensorAlert) -> AlertEvent:
    datastream = Datastream.objects.select_related("thing", "observed_property").get(
        pk=alert.datastream_id
    )
    location = datastream.thing.locations.order_by("pk").first()
    definition = datastream.observed_property.definition.rstrip("/")
    return AlertEvent(
        alert_id=alert.pk,
        kind=alert.kind,
        datastream_id=datastream.pk,
        thing_name=datastream.thing.name,
        observed_property_slug=definition.rsplit("/", 1)[-1],
        location=location.location if location else None,
        value=alert.value,
    )


def _tell_listeners(alert: SensorAlert) -> None:
    """Other apps hear of alerts on public streams only: an internal stream's name and place,
    or a person-derived stream's raw value, must not leave the sensors app this way."""
    listeners = alert_listeners()
    if not listeners or alert.datastream.privacy_class != Datastream.PrivacyClass.PUBLIC:
        return
    event = alert_event(alert)
    for listener in listeners:
        try:
            listener(event)
        except Exception:  # a listener's failure never undoes the alert
            logger.exception("alert listener %r failed for alert %s", listener, alert.pk)


def _open(datastream: Datastream, kind: str, value: float | None, now: datetime) -> bool:
    from opendata.sensors.tasks import sensor_alert_notify_task  # the task wraps this module

    try:
        with transaction.atomic():
            alert = SensorAlert.objects.create(
                datastream=datastream, kind=kind, value=value, started_at=now
            )
            enqueue_on_commit(sensor_alert_notify_task, alert.pk)
            transaction.on_commit(lambda: _tell_listeners(alert))
    except IntegrityError:  # another evaluation opened it first
        return False
    return True


def _close(datastream: Datastream, kind: str, now: datetime) -> bool:
    return bool(
        SensorAlert.objects.filter(datastream=datastream, kind=kind, ended_at__isnull=True).update(
            ended_at=now
        )
    )


def alerts_evaluate(*, now: datetime | None = None) -> Evaluation:
    """Open and close alerts from the latest readings (idempotent), then retry pending mail."""
    now = now or timezone.now()
    result = Evaluation()
    open_alerts = {
        (alert.datastream_id, alert.kind): alert
        for alert in SensorAlert.objects.filter(ended_at__isnull=True)
    }
    changed_thresholds = False
    for stream in _streams_with_latest():
        if stream.warning_threshold is not None:
            person = stream.privacy_class == Datastream.PrivacyClass.PERSON_DERIVED
            value = stream.published_value if person else stream.raw_value
            key = (stream.pk, SensorAlert.Kind.THRESHOLD)
            if value is not None and value >= stream.warning_threshold:
                if key not in open_alerts:
                    if _open(stream, SensorAlert.Kind.THRESHOLD, value, now):
                        result.opened += 1
                        changed_thresholds = True
                elif open_alerts[key].value != value:
                    SensorAlert.objects.filter(pk=open_alerts[key].pk).update(value=value)
            elif (
                key in open_alerts
                and value is not None
                and value < stream.warning_threshold - hysteresis(stream.warning_threshold)
                and _close(stream, SensorAlert.Kind.THRESHOLD, now)
            ):
                result.closed += 1
                changed_thresholds = True
        if stream.offline_after_minutes is not None:
            last = stream.raw_time or stream.created_at
            silent = last < now - timedelta(minutes=stream.offline_after_minutes)
            key = (stream.pk, SensorAlert.Kind.OFFLINE)
            if silent and key not in open_alerts:
                result.opened += _open(stream, SensorAlert.Kind.OFFLINE, None, now)
            elif not silent and key in open_alerts:
                result.closed += _close(stream, SensorAlert.Kind.OFFLINE, now)
    if changed_thresholds:
        cache_clear()
    result.notifications_enqueued = alerts_notify_pending(now=now)
    return result


def cache_key(template: str) -> str:
    """Cached texts hold numbers formatted for the reader's language: one entry each."""
    return template.format(language=translation.get_language() or settings.LANGUAGE_CODE)


def cache_clear() -> None:
    cache.delete_many(
        [
            template.format(language=code)
            for template in (BANNER_CACHE_KEY, TILES_CACHE_KEY)
            for code, _name in settings.LANGUAGES
        ]
    )


def alerts_notify_pending(*, now: datetime | None = None) -> int:
    """Enqueue the mail of alerts whose notification never went out."""
    from opendata.sensors.tasks import sensor_alert_notify_task  # the task wraps this module

    now = now or timezone.now()
    pending = SensorAlert.objects.filter(
        notified_at__isnull=True,
        started_at__lt=now - NOTIFY_RETRY_AFTER,
        started_at__gte=now - NOTIFY_GIVE_UP_AFTER,
    ).values_list("pk", flat=True)
    return sum(enqueue(sensor_alert_notify_task, pk) for pk in pending)


def alert_recipient(alert: SensorAlert) -> str:
    operator = alert.datastream.thing.operator
    return operator.email if operator and operator.email else settings.PORTAL_STAFF_EMAIL


def alert_notify(*, alert_id: int) -> bool:
    """Mail one alert to staff; False when it was mailed already. Raises when sending fails."""
    claimed = SensorAlert.objects.filter(pk=alert_id, notified_at__isnull=True).update(
        notified_at=timezone.now()
    )
    if not claimed:
        return False
    alert = SensorAlert.objects.select_related(
        "datastream__thing__operator", "datastream__observed_property"
    ).get(pk=alert_id)
    datastream = alert.datastream
    try:
        with translation.override(settings.LANGUAGE_CODE):
            page = ""
            if datastream.privacy_class in selectors.PUBLIC_CLASSES:
                page = settings.PORTAL_BASE_URL + reverse(
                    "sensors-datastream", args=[datastream.pk]
                )
            send_mail(
                subject=f"[{settings.WAGTAIL_SITE_NAME}] {alert.get_kind_display()}: "
                f"{datastream.name}",
                message=render_to_string(
                    "sensors/email/alert.txt",
                    {
                        "alert": alert,
                        "datastream": datastream,
                        "value": selectors.value_label(alert.value, datastream),
                        "threshold": selectors.value_label(
                            datastream.warning_threshold, datastream
                        ),
                        "page": page,
                    },
                ),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[alert_recipient(alert)],
            )
    except Exception:
        # Release the claim: the task's retry or the next evaluation sends it.
        SensorAlert.objects.filter(pk=alert_id).update(notified_at=None)
        raise
    return True


def warning_banner() -> list[dict]:
    """Open flood warnings for the banner on every page, cached briefly.

    Raw readings never reach a public page: a warning opens on raw readings (it must not
    wait for a publication window), but it shows a number only once a published window of
    the gauge is at or above the threshold; until then it says that the level was reached.
    """
    key = cache_key(BANNER_CACHE_KEY)
    warnings = cache.get(key)
    if warnings is not None:
        return warnings
    alerts = list(
        SensorAlert.objects.filter(ended_at__isnull=True, kind=SensorAlert.Kind.THRESHOLD)
        .filter(selectors.water_level_streams("datastream__"))
        .select_related("datastream__thing")
        .order_by("datastream__thing__name", "pk")
    )
    published = selectors.latest_values(alert.datastream_id for alert in alerts)
    warnings = []
    for alert in alerts:
        datastream = alert.datastream
        current = next(
            (
                value
                for value in published.get(datastream.pk, [])
                if value.cell == ""
                and value.value is not None
                and value.value >= (datastream.warning_threshold or 0)
            ),
            None,
        )
        warnings.append(
            {
                "gauge": datastream.thing.name,
                "datastream_id": datastream.pk,
                "value": selectors.value_label(current.value, datastream) if current else "",
                "time": current.end if current else None,
                "since": alert.started_at,
                "threshold": selectors.value_label(datastream.warning_threshold, datastream),
            }
        )
    cache.set(key, warnings, BANNER_CACHE_SECONDS)
    return warnings
