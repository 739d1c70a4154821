"""Submitting a defect report, against one plain ORM insert per transaction of the same rows.

`prepare()` puts 3,000 open pothole reports into an 800 m square of the demo's Altstadt
(about 25 of them within 50 m of any point there, so that the duplicate check finds and
measures real candidates) and draws the places and texts of the reports to submit.

- Subject: what the web form does on "send": ``report_duplicates_nearby`` (open reports of
  the category within 50 m, nearest first) and then ``report_submit`` (validation, district
  lookup, routing through the category's lineage of rules, the report and its "created"
  timeline entry in one transaction, the unit's mail job registered on commit). Sending the
  job to the broker is not timed: in production a worker does it after the request (here
  Celery runs eagerly and would render and send the mail inside the call).
- Baseline: ``Report.objects.create`` and ``ReportUpdate.objects.create`` of the same row
  (status, unit and district known beforehand) in ``transaction.atomic()``.

Goal: within 3x of the baseline.
"""

from __future__ import annotations

import random
from itertools import count

from bench.run import Benchmark

CATEGORY = "strasse.schlagloch"
EXISTING = 3_000
SQUARE_DEGREES = 0.0072  # about 800 m north-south (and 500 m east-west) at 51° N
CENTRE = (8.6150, 50.9550)  # inside the Altstadt
ROUNDS = 200
state: dict[str, object] = {}


def _places(rng: random.Random, n: int):
    from django.contrib.gis.geos import Point

    half = SQUARE_DEGREES / 2
    return [
        Point(CENTRE[0] + rng.uniform(-half, half), CENTRE[1] + rng.uniform(-half, half), srid=4326)
        for _ in range(n)
    ]


def prepare() -> None:
    from django.utils import timezone

    from participation.defects import services
    from participation.defects.models import Category, Report
    from participation.defects.selectors import report_route
    from participation.defects.validation import district_of

    category = Category.objects.get(service_code=CATEGORY)
    rng = random.Random(311)
    district = district_of(_places(rng, 1)[0])
    status = services.initial_status()
    department = report_route(category=category, location=_places(rng, 1)[0], district=district)
    now = timezone.now()
    Report.objects.filter(description__startswith="Bench: ").delete()
    Report.objects.bulk_create(
        [
            Report(
                category=category,
                status=status,
                department=department,
                district=district,
                location=place,
                description=f"Bench: vorhandenes Schlagloch {n}.",
                channel=Report.Channel.WEB,
                moderation=Report.Moderation.APPROVED,
                created_at=now,
                updated_at=now,
                staff_notified_at=now,
            )
            for n, place in enumerate(_places(rng, EXISTING))
        ],
        batch_size=500,
    )
    state.update(
        category=category,
        district=district,
        status=status,
        department=department,
        places=_places(rng, 2 * (ROUNDS + 1)),
        subject_calls=count(),
        baseline_calls=count(ROUNDS + 1),
    )
    # The unit's mail job is registered on commit but not sent (see the module's docstring).
    services.enqueue_on_commit = _register_only  # type: ignore[attr-defined]
    print(f"prepared: {EXISTING:,} open reports of {CATEGORY} in an 800 m square")


def _register_only(task, *args) -> None:
    from django.db import transaction

    transaction.on_commit(lambda: None)


def _description(n: int) -> str:
    return f"Bench: tiefes Schlagloch vor Hausnummer {n}, bitte ausbessern."


def _submit() -> None:
    from participation.defects import services
    from participation.defects.models import Report
    from participation.defects.selectors import report_duplicates_nearby

    n = next(state["subject_calls"])  # type: ignore[call-overload]
    place = state["places"][n]  # type: ignore[index]
    nearby = report_duplicates_nearby(category=state["category"], location=place)
    assert len(nearby) < EXISTING
    report = services.report_submit(
        service_code=CATEGORY,
        location=place,
        description=_description(n),
        channel=Report.Channel.API,
        trusted=True,
    )
    assert report.department_id is not None


def _insert() -> None:
    from django.db import transaction
    from django.utils import timezone

    from participation.defects.models import Report, ReportUpdate

    n = next(state["baseline_calls"])  # type: ignore[call-overload]
    now = timezone.now()
    with transaction.atomic():
        report = Report.objects.create(
            category=state["category"],
            status=state["status"],
            department=state["department"],
            district=state["district"],
            location=state["places"][n],  # type: ignore[index]
            description=_description(n),
            channel=Report.Channel.API,
            moderation=Report.Moderation.APPROVED,
            created_at=now,
            updated_at=now,
        )
        ReportUpdate.objects.create(
            report=report,
            kind=ReportUpdate.Kind.CREATED,
            status=state["status"],
            created_at=now,
            notified_at=now,
        )


BENCHMARKS = [
    Benchmark(
        "defects report_submit with duplicate check",
        _submit,
        _insert,
        "ORM insert per transaction",
        rounds=ROUNDS,
    ),
]
