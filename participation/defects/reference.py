"""Reference data every report reads: categories, the initial status, routing rules and the
districts' areas.

They change a few times a year and are read on every submission, so each process keeps one
snapshot and rebuilds it when its version in the shared cache changes (bumped by every save
or delete of those models, see ``apps.py``) or after ``REFRESH_SECONDS``, whichever comes
first. When the cache cannot be reached the snapshot is rebuilt on every read: slower,
never stale. Callers get copies, so that nothing one request sets on an instance leaks into
the next.
"""

from __future__ import annotations

import copy
import logging
import threading
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.gis.geos import GEOSGeometry, Point
from django.contrib.gis.geos.prepared import PreparedGeometry
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model

from participation.defects.models import Category, RoutingRule, Status
from portal.core.models import Department, District

logger = logging.getLogger(__name__)

VERSION_KEY = "defects:reference:version"
REFRESH_SECONDS = 300.0


@dataclass(frozen=True)
class Rule:
    pk: int
    priority: int
    district_id: int | None
    area: PreparedGeometry | None
    department: Department


@dataclass
class Snapshot:
    version: str | None
    built_at: float
    categories: dict[str, Category] = field(default_factory=dict)  # active, by service code
    parent_codes: set[str] = field(default_factory=set)  # active groups with active members
    rules: dict[int, list[Rule]] = field(default_factory=dict)  # by category pk, in order
    initial_status: Status | None = None
    statuses: dict[int, Status] = field(default_factory=dict)
    districts: list[tuple[District, PreparedGeometry]] = field(default_factory=list)

    def category(self, service_code: str) -> Category | None:
        """An active category that is no group of active ones, or None."""
        category = self.categories.get(service_code)
        if category is None or service_code in self.parent_codes:
            return None
        return copy.copy(category)

    def initial(self) -> Status | None:
        return copy.copy(self.initial_status)

    def district_containing(self, location: Point) -> District | None:
        point: GEOSGeometry = location
        if location.srid not in (None, 4326):
            point = location.transform(4326, clone=True)
        for district, area in self.districts:  # by number, as the query ordered them
            if area.contains(point):
                return copy.copy(district)
        return None

    def route(self, category: Category, location: Point, district_id: int) -> Department | None:
        """The first rule (by priority) of the nearest member of the lineage whose area or
        district contains the point (a rule with neither covers the city); then the unit of
        the nearest member that has one."""
        seen: set[int] = set()
        member: Category | None = category
        while member is not None and member.pk not in seen:
            seen.add(member.pk)
            for rule in self.rules.get(member.pk, ()):
                if rule.area is None and rule.district_id is None:
                    return copy.copy(rule.department)
                if rule.district_id == district_id or (
                    rule.area is not None and rule.area.contains(location)
                ):
                    return copy.copy(rule.department)
            if member.department_id is not None:
                return copy.copy(member.department)
            member = member.parent
        return None


_lock = threading.Lock()
_current: Snapshot | None = None


def _cached_version() -> str | None:
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            version = uuid.uuid4().hex
            if not cache.add(VERSION_KEY, version, None):
                version = cache.get(VERSION_KEY)
        return version
    except Exception:  # an unreachable cache must not stop citizens from reporting
        logger.warning("reference data: cache unreachable, reading from the database")
        return None


def _build(version: str | None) -> Snapshot:
    snapshot = Snapshot(version=version, built_at=time.monotonic())
    everything = {
        category.pk: category
        for category in Category.objects.select_related("department").order_by("pk")
    }
    for category in everything.values():
        # The lineage walks parents in memory; a parent outside the table ends it.
        parent = everything.get(category.parent_id) if category.parent_id else None
        category.parent = parent
        if category.active:
            snapshot.categories[category.service_code] = category
            if category.parent is not None and category.parent.active:
                snapshot.parent_codes.add(category.parent.service_code)
    rules: dict[int, list[Rule]] = defaultdict(list)
    for rule in RoutingRule.objects.select_related("department").order_by("priority", "pk"):
        rules[rule.category_id].append(
            Rule(
                pk=rule.pk,
                priority=rule.priority,
                district_id=rule.district_id,
                area=rule.area.prepared if rule.area is not None else None,
                department=rule.department,
            )
        )
    snapshot.rules = dict(rules)
    snapshot.statuses = {status.pk: status for status in Status.objects.order_by("order", "pk")}
    snapshot.initial_status = next(
        (status for status in snapshot.statuses.values() if status.is_initial), None
    )
    snapshot.districts = [
        (district, district.area.prepared)
        for district in District.objects.order_by("number")
        if district.area is not None
    ]
    return snapshot


def snapshot() -> Snapshot:
    """The current reference data (rebuilt when changed elsewhere or grown old)."""
    global _current
    version = _cached_version()
    current = _current
    if (
        current is not None
        and version is not None
        and current.version == version
        and time.monotonic() - current.built_at < REFRESH_SECONDS
    ):
        return current
    with _lock:
        current = _build(version)
        _current = current if version is not None else None
    return current


def forget() -> None:
    """Drop this process's snapshot (the next read rebuilds it)."""
    global _current
    _current = None


def _bump() -> None:
    forget()
    try:
        cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    except Exception:
        logger.warning("reference data: cache unreachable, other processes refresh on their own")


def reference_changed(sender: type[Model], **kwargs: Any) -> None:
    """Signal receiver for saves and deletes of reference data: every process rebuilds.

    Bumped at once (this process, and tests inside one transaction) and again on commit, so
    that no process caches what it read before the change was visible.
    """
    _bump()
    transaction.on_commit(_bump)
