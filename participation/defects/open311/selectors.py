"""Reads of the Open311 interface: services, public requests and their updates, API clients.

Only public reports (approved, not merged into another) are ever listed or shown; their
locations as published (``report_public_location``) and never anything of the reporter.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, Q, QuerySet

from participation.defects.models import (
    Category,
    Open311Client,
    Report,
    ReportPhoto,
    ReportUpdate,
    Status,
)
from portal.core.bearer_tokens import TokenKind, token_matches

OPEN311_KEYS = TokenKind(marker="o311_")
# Timeline entries that Open311 clients see as updates (with a status or a public answer).
UPDATE_KINDS = (
    ReportUpdate.Kind.STATUS,
    ReportUpdate.Kind.ANSWER,
    ReportUpdate.Kind.REOPENED,
    ReportUpdate.Kind.EXTERNAL,
)


def open311_client_for_key(*, api_key: str) -> Open311Client | None:
    """The live (not revoked) client whose key this is, or None."""
    prefix = OPEN311_KEYS.prefix_of(api_key or "")
    if prefix is None or not all(ch in "0123456789abcdef" for ch in prefix):
        return None
    client = Open311Client.objects.filter(prefix=prefix, revoked_at__isnull=True).first()
    if client is None or not token_matches(client.secret_hash, api_key):
        return None
    return client


def open311_services() -> list[Category]:
    """The categories a request can be filed under: active, without active subcategories."""
    return list(
        Category.objects.filter(active=True)
        .exclude(children__active=True)
        .select_related("parent")
        .distinct()
        .order_by("order", "service_code")
    )


def open311_service(*, service_code: str) -> Category | None:
    return next((c for c in open311_services() if c.service_code == service_code), None)


def _public_reports() -> QuerySet[Report]:
    notes = (
        ReportUpdate.objects.filter(public=True, kind__in=UPDATE_KINDS)
        .exclude(text="")
        .order_by("-created_at", "-pk")
    )
    return (
        Report.objects.filter(moderation=Report.Moderation.APPROVED, duplicate_of__isnull=True)
        .select_related("category", "status", "department")
        .prefetch_related(
            Prefetch("updates", queryset=notes, to_attr="open311_notes"),
            Prefetch(
                "photos", queryset=ReportPhoto.objects.filter(public=True), to_attr="open311_photos"
            ),
        )
    )


@dataclass(frozen=True)
class RequestQuery:
    ids: tuple[int, ...] = ()
    service_codes: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()  # "open", "closed"
    start: datetime | None = None
    end: datetime | None = None
    offset: int = 0
    limit: int = 1000


def open311_requests(*, query: RequestQuery) -> list[Report]:
    """Public reports, newest first. Ids override every other filter (as the spec says)."""
    reports = _public_reports()
    if query.ids:
        reports = reports.filter(pk__in=query.ids)
    else:
        if query.service_codes:
            reports = reports.filter(category__service_code__in=query.service_codes)
        if query.statuses and set(query.statuses) != {"open", "closed"}:
            reports = reports.filter(status__is_closed="closed" in query.statuses)
        if query.start is not None:
            reports = reports.filter(created_at__gte=query.start)
        if query.end is not None:
            reports = reports.filter(created_at__lte=query.end)
    reports = reports.order_by("-created_at", "-pk")
    return list(reports[query.offset : query.offset + query.limit])


def open311_request(*, pk: int) -> Report | None:
    return _public_reports().filter(pk=pk).first()


def open311_report_by_token(*, token: uuid.UUID) -> Report | None:
    return Report.objects.filter(token=token).first()


def open311_report_for_update(*, pk: int) -> Report | None:
    """A report a back-office client may update: any report not merged into another."""
    return Report.objects.filter(pk=pk, duplicate_of__isnull=True).first()


def open311_updates(
    *, start: datetime | None, end: datetime | None, offset: int = 0, limit: int = 1000
) -> list[ReportUpdate]:
    """Public status changes and answers of public reports, oldest first."""
    updates = ReportUpdate.objects.filter(
        public=True,
        kind__in=UPDATE_KINDS,
        report__moderation=Report.Moderation.APPROVED,
        report__duplicate_of__isnull=True,
    ).select_related("status", "report__status")
    if start is not None:
        updates = updates.filter(created_at__gte=start)
    if end is not None:
        updates = updates.filter(created_at__lte=end)
    return list(updates.order_by("created_at", "pk")[offset : offset + limit])


# mySociety's status words (FixMyStreet's vocabulary) and ours.
FIXED_WORDS = frozenset({"FIXED"})
CLOSED_WORDS = frozenset(
    {
        "CLOSED",
        "DUPLICATE",
        "NOT_COUNCILS_RESPONSIBILITY",
        "NO_FURTHER_ACTION",
        "INTERNAL_REFERRAL",
        "UNABLE_TO_FIX",
        "WONT_FIX",
    }
)
PROGRESS_WORDS = frozenset({"IN_PROGRESS", "ACTION_SCHEDULED", "INVESTIGATING", "ASSIGNED"})
OPEN_WORDS = frozenset({"OPEN", "REOPENED"})


def open311_status_word(*, status: Status) -> str:
    """Our status in mySociety's vocabulary, for servicerequestupdates."""
    if status.is_closed:
        return "FIXED" if status.colour == Status.Colour.GREEN else "CLOSED"
    return "IN_PROGRESS" if status.colour == Status.Colour.YELLOW else "OPEN"


def open311_status_for_word(*, word: str) -> Status | None:
    """The status an incoming word means: one of ours by slug, or mySociety's mapped to ours."""
    word = word.strip()
    if not re.fullmatch(r"[A-Za-z0-9 _-]{1,60}", word):
        return None
    own = Status.objects.filter(slug__iexact=word.replace("_", "-")).first()
    if own is not None:
        return own
    word = word.upper().replace(" ", "_")
    statuses = Status.objects.order_by("order", "pk")
    if word in FIXED_WORDS:
        wanted = Q(is_closed=True, colour=Status.Colour.GREEN)
        fallback = Q(is_closed=True)
    elif word in CLOSED_WORDS:
        wanted = Q(is_closed=True) & ~Q(colour=Status.Colour.GREEN)
        fallback = Q(is_closed=True)
    elif word in PROGRESS_WORDS:
        wanted = Q(is_closed=False, colour=Status.Colour.YELLOW)
        fallback = Q(is_closed=False, is_initial=False)
    elif word in OPEN_WORDS:
        wanted = Q(is_initial=True)
        fallback = Q(is_closed=False)
    else:
        return None
    return statuses.filter(wanted).first() or statuses.filter(fallback).first()
