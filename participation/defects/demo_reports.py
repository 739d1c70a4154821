"""A year of Lindenhafen's defect reports, drawn deterministically (a fixed random seed).

Every status and channel occurs; timelines are consistent with the status (a fixed report
was answered, worked on and closed, a duplicate was merged, a rejected one moderated with a
reason); first answers mostly come within three working days; a few reports were opened by
the sensor alerts (channel "sensor") at the sensor things' places. Rows are written with
``bulk_create`` (a few hundred reports in well under a second); every mail they would have
caused counts as sent, so no sweep picks them up. Each report has a fixed token: a second
run creates only what is missing, and never touches a report staff have since handled.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.contrib.gis.geos import Point

from opendata.sensors.selectors import map_things
from participation.core.models import Street
from participation.core.selectors import street_point
from participation.defects.models import (
    Category,
    Report,
)
from portal.core.demo import DemoCity, demo_data_load

TEXTS: dict[str, Any] = demo_data_load(Path(__file__).parent / "demo_data" / "texts.yaml")
SEED = 13
CITIZEN_REPORTS = 340
TOKENS = uuid.UUID("6f1c2a9e-1d3b-4c8e-9a57-2b0d4e6f8a13")  # namespace of the demo's tokens
MERGE_RADIUS_DEGREES = 0.00015  # duplicates lie within about 15 m of their original

# Target statuses of citizens' reports and how often they occur.
STATUS_WEIGHTS = {
    "eingegangen": 9,
    "in-pruefung": 7,
    "in-bearbeitung": 13,
    "weitergeleitet": 5,
    "erledigt": 46,
    "nicht-zustaendig": 6,
    "abgelehnt": 5,
    "duplikat": 9,
}
CHANNEL_WEIGHTS = {"web": 56, "api": 18, "phone": 11, "counter": 5, "email": 10}
# How long ago a report in a status was made, in days (at most).
MAX_AGE_DAYS = {"eingegangen": 4, "in-pruefung": 20, "in-bearbeitung": 70, "weitergeleitet": 40}
SENSOR_THING_CATEGORIES = {
    "Unterflurbehälter": "abfall.papierkorb",
    "Leuchte": "beleuchtung.leuchte",
    "Pegel": "wasser.ueberflutung",
    "Ladepunkt": "laden.defekt",
}
SENSOR_STATUSES = ["erledigt", "erledigt", "in-bearbeitung", "eingegangen", "erledigt"]


def demo_token(key: str) -> uuid.UUID:
    return uuid.uuid5(TOKENS, key)


_FEMININE = ("straße", "gasse", "allee", "brücke", "zone")
_SQUARES = ("platz", "markt", "park")


def street_phrases(name: str) -> tuple[str, str]:
    """German "in ..." and "at ..." of a street: in der Lindenstraße, im Erlenweg, am Markt."""
    lower = name.lower()
    if lower.startswith(("am ", "an der ", "auf ", "fußgängerzone")):
        return (f"in der {name}", f"an der {name}") if lower.startswith("fuß") else (name, name)
    if lower.endswith(_FEMININE):
        return f"in der {name}", f"an der {name}"
    if lower.endswith(_SQUARES):
        return f"am {name}", f"am {name}"
    return f"im {name}", f"am {name}"


def working_days_after(start: datetime, days: float) -> datetime:
    """``days`` working days (Monday to Friday) after ``start``; fractions as hours."""
    moment = start
    whole = int(days)
    while whole:
        moment += timedelta(days=1)
        if moment.weekday() < 5:
            whole -= 1
    moment += timedelta(hours=(days - int(days)) * 9)
    while moment.weekday() >= 5:
        moment += timedelta(days=1)
    return moment


@dataclass
class Step:
    kind: str
    at: datetime
    status: str = ""
    text: str = ""
    public: bool = True
    author: Any = None


@dataclass
class Plan:
    key: str
    category: Category
    street: Street
    location: Point
    address: str
    description: str
    channel: str
    target: str
    created_at: datetime
    steps: list[Step] = field(default_factory=list)
    moderation: str = Report.Moderation.APPROVED
    reason: str = ""
    reporter: Any = None
    email: str = ""
    supporters: int = 0
    attributes: dict[str, str] = field(default_factory=dict)
    duplicate_of: str = ""
    number: int = 1


class Planner:
    """Draws the plans of the demo's reports from one seeded random generator."""

    def __init__(self, city: DemoCity, statuses, categories, answers, handlers) -> None:
        self.now = city.now
        self.random = random.Random(SEED)  # noqa: S311 (demo data, not secrets)
        self.city = city
        self.statuses = statuses
        self.answers = answers
        self.handlers = handlers
        self.moderator = city.users.get("moderator")
        self.leaves = [c for c in categories.values() if c.parent_id is not None]
        self.leaves.sort(key=lambda c: c.service_code)
        self.by_code = categories
        self.streets = list(Street.objects.select_related("district").order_by("pk"))

    def pick(self, weights: dict[str, int]) -> str:
        return self.random.choices(list(weights), weights=list(weights.values()))[0]

    def handler_for(self, category: Category) -> Any:
        unit = category.department or (category.parent.department if category.parent else None)
        slug = unit.slug if unit else ""
        key = {"tiefbauamt": "tiefbau", "stadtwerke": "stadtwerke"}.get(slug, "maengelmelder")
        return self.handlers.get(key)

    def answer(self, category: Category, status: str) -> str:
        group = category.parent.service_code if category.parent else ""
        return (
            self.answers.get((group, status))
            or self.answers.get(("", status))
            or self.answers.get(("", "in-pruefung"), "")
        )

    def place(self, street: Street) -> tuple[Point, int]:
        number = self.random.randint(street.first_number, street.last_number)
        point = street_point(street=street, number=number)
        jitter = Point(
            point.x + self.random.uniform(-1, 1) * 0.00008,
            point.y + self.random.uniform(-1, 1) * 0.00005,
            srid=4326,
        )
        return (jitter if street.district.area.contains(jitter) else point), number

    def describe(self, category: Category, street: Street, number: int) -> str:
        problem = self.random.choice(TEXTS["problems"][category.service_code])
        opening = self.random.choice(TEXTS["openings"])
        in_street, at_street = street_phrases(street.name)
        text = opening + problem.format(
            street=street.name, number=number, in_street=in_street, at_street=at_street
        )
        text += self.random.choice(TEXTS["closings"])
        return text[0].upper() + text[1:]

    def attributes(self, category: Category) -> dict[str, str]:
        answers = {}
        for attribute in category.attributes or []:
            if attribute.get("datatype") == "singlevaluelist":
                answers[attribute["code"]] = self.random.choice(attribute["values"])["key"]
            elif self.random.random() < 0.5:
                answers[attribute["code"]] = f"{self.random.randint(100, 9999):04d}"
        return answers

    def citizen_plan(self, index: int) -> Plan:
        statuses = list(STATUS_WEIGHTS)
        channels = list(CHANNEL_WEIGHTS)
        # The first few cover every status and channel; the rest follow the weights.
        target = statuses[index] if index < len(statuses) else self.pick(STATUS_WEIGHTS)
        channel = channels[index] if index < len(channels) else self.pick(CHANNEL_WEIGHTS)
        category = self.leaves[index % len(self.leaves)] if index < 60 else None
        category = category or self.random.choice(self.leaves)
        street = self.random.choice(self.streets)
        location, number = self.place(street)
        age = self.random.uniform(0.1, MAX_AGE_DAYS.get(target, 360))
        plan = Plan(
            key=f"report-{index}",
            category=category,
            street=street,
            location=location,
            address=f"{street.name} {number}",
            description=self.describe(category, street, number),
            channel=channel,
            target=target,
            created_at=self.now - timedelta(days=age),
            attributes=self.attributes(category),
            number=number,
        )
        if channel == "web" and self.random.random() < 0.08:
            plan.reporter = self.city.users.get("citizen")
        # Contacts only on open reports: those of closed ones are gone after the retention.
        if target in MAX_AGE_DAYS and self.random.random() < 0.12:
            plan.email = f"meldung{index}@example.org"
        return plan

    def timeline(self, plan: Plan) -> None:
        """The steps from "reported" to the plan's status, at plausible times."""
        at = plan.created_at
        staff = plan.channel in ("phone", "counter", "email")
        recorder = self.handlers.get("maengelmelder") if staff else None
        plan.steps.append(Step("created", at, status="eingegangen", author=recorder))
        anonymous = plan.channel == "web" and plan.reporter is None
        if plan.target == "eingegangen" and anonymous and self.now - at < timedelta(days=2):
            plan.moderation = Report.Moderation.PENDING
            return
        if anonymous and plan.email:  # confirmed through the e-mailed link
            at += timedelta(minutes=self.random.uniform(3, 600))
            plan.steps.append(Step("confirmed", at))
        elif anonymous:
            at += timedelta(hours=self.random.uniform(0.5, 20))
            plan.steps.append(Step("moderated", at, public=False, author=self.moderator))
        if plan.target == "abgelehnt":
            plan.moderation = Report.Moderation.REJECTED
            plan.reason = self.random.choice(TEXTS["rejections"])
            if not anonymous:
                at += timedelta(hours=self.random.uniform(0.5, 20))
                plan.steps.append(Step("moderated", at, public=False, author=self.moderator))
            plan.steps.append(Step("status", at, "abgelehnt", plan.reason, False, self.moderator))
            return
        if plan.target in ("eingegangen", "duplikat"):
            return
        author = self.handler_for(plan.category)
        late = self.random.random() < 0.12  # the promise of three working days missed
        at = working_days_after(
            plan.created_at,
            self.random.uniform(3.5, 8) if late else (self.random.uniform(0.1, 2.9)),
        )
        path = {
            "in-pruefung": ["in-pruefung"],
            "in-bearbeitung": ["in-pruefung", "in-bearbeitung"],
            "weitergeleitet": ["weitergeleitet"],
            "erledigt": ["in-pruefung", "in-bearbeitung", "erledigt"],
            "nicht-zustaendig": ["nicht-zustaendig"],
        }[plan.target]
        if plan.target == "erledigt" and self.random.random() < 0.3:
            path = ["in-bearbeitung", "erledigt"]
        for position, status in enumerate(path):
            if position:
                at = working_days_after(at, self.random.uniform(0.5, 12))
            plan.steps.append(
                Step("status", at, status, self.answer(plan.category, status), author=author)
            )
            if status == "in-bearbeitung" and self.random.random() < 0.35:
                at += timedelta(hours=self.random.uniform(1, 30))
                note = self.random.choice(TEXTS["notes"])
                plan.steps.append(Step("note", at, text=note, public=False, author=author))
        if plan.target == "erledigt" and self.random.random() < 0.06:
            at += timedelta(days=self.random.uniform(1, 5))
            plan.steps.append(Step("reopened", at, "in-bearbeitung", TEXTS["reopened"]))
            at = working_days_after(at, self.random.uniform(1, 6))
            plan.steps.append(
                Step(
                    "status", at, "erledigt", self.answer(plan.category, "erledigt"), author=author
                )
            )
        self._fit_before_now(plan)

    def _fit_before_now(self, plan: Plan) -> None:
        """Shift a timeline that would end in the future back, so it ends before now."""
        latest = self.now - timedelta(minutes=self.random.uniform(20, 600))
        overflow = max(step.at for step in plan.steps) - latest
        if overflow > timedelta(0):
            plan.created_at -= overflow
            for step in plan.steps:
                step.at -= overflow

    def merge(self, plan: Plan, original: Plan) -> None:
        """Make ``plan`` a duplicate of ``original``, reported nearby and merged a bit later."""
        plan.category = original.category
        plan.street = original.street
        plan.address = original.address
        plan.attributes = self.attributes(original.category)
        plan.description = self.describe(original.category, original.street, original.number)
        dx = self.random.uniform(-1, 1) * MERGE_RADIUS_DEGREES
        candidate = Point(original.location.x + dx, original.location.y, srid=4326)
        inside = original.street.district.area.contains(candidate)
        plan.location = candidate if inside else original.location
        open_until = next(
            (s.at for s in original.steps if s.status in ("erledigt", "nicht-zustaendig")),
            self.now,
        )
        start = original.created_at + timedelta(hours=2)
        span = max((open_until - start).total_seconds(), 7200)
        plan.created_at = start + timedelta(seconds=self.random.uniform(0, span / 2))
        merged = plan.created_at + timedelta(hours=self.random.uniform(1, 30))
        merged = min(merged, open_until - timedelta(minutes=5), self.now - timedelta(minutes=10))
        merged = max(merged, plan.created_at + timedelta(minutes=5))
        plan.created_at = min(plan.created_at, merged - timedelta(minutes=5))
        created = plan.steps[0]
        created.at = plan.created_at
        plan.steps = [created]
        if plan.channel == "web" and plan.reporter is None:  # a moderator released it first
            released = plan.created_at + (merged - plan.created_at) / 2
            plan.steps.append(Step("moderated", released, public=False, author=self.moderator))
        plan.duplicate_of = original.key
        by = self.handler_for(original.category)
        plan.steps.append(Step("merged", merged, "duplikat", "", author=by))

    def sensor_plans(self) -> list[Plan]:
        """Reports the sensor alerts opened, at the published sensor things' places."""
        plans = []
        rows = [row for row in map_things() if row.location is not None]
        for row in sorted(rows, key=lambda row: row.thing.name):
            code = next(
                (
                    c
                    for prefix, c in SENSOR_THING_CATEGORIES.items()
                    if row.thing.name.startswith(prefix)
                ),
                None,
            )
            district = row.location.district
            if code is None or code not in self.by_code or district is None:
                continue
            category = self.by_code[code]
            street = min(
                (s for s in self.streets if s.district_id == district.pk),
                key=lambda s: s.line.distance(row.location.location),
                default=None,
            )
            if street is None:
                continue
            target = SENSOR_STATUSES[len(plans) % len(SENSOR_STATUSES)]
            plan = Plan(
                key=f"sensor-{row.thing.name}",
                category=category,
                street=street,
                location=row.location.location,
                address="",
                description=TEXTS["sensor_problems"][code].format(thing=row.thing.name),
                channel=Report.Channel.SENSOR,
                target=target,
                created_at=self.now - timedelta(days=self.random.uniform(1, 200)),
            )
            if target == "eingegangen":
                plan.created_at = self.now - timedelta(hours=self.random.uniform(2, 20))
            plans.append(plan)
        return plans

    def plans(self) -> list[Plan]:
        citizens = [self.citizen_plan(index) for index in range(CITIZEN_REPORTS)]
        everything = citizens + self.sensor_plans()
        for plan in everything:
            self.timeline(plan)
        originals = [
            p
            for p in everything
            if p.target not in ("duplikat", "abgelehnt")
            and p.moderation == Report.Moderation.APPROVED
        ]
        for plan in everything:
            if plan.target == "duplikat":
                original = self.random.choice(originals)
                self.merge(plan, original)
                plan.supporters = 0
        for plan in everything:
            if plan.target != "duplikat" and plan.moderation == Report.Moderation.APPROVED:
                plan.supporters = self.random.choice([0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 5, 8])
        return everything
