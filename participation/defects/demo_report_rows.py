"""The demo's defect reports written: the planner's plans become rows in a few bulk inserts.

``demo_reports.Planner`` decides what happens to each report (status, timeline, duplicates);
this module turns the plans into reports, timeline entries, supports and contacts, with fixed
tokens so that seeding again creates nothing.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from django.db.models import F

from participation.defects.demo_reports import (
    Plan,
    Planner,
    demo_token,
)
from participation.defects.models import (
    Category,
    Report,
    ReporterContact,
    ReportSupport,
    ReportUpdate,
    Status,
)
from participation.defects.selectors import report_route
from portal.core.demo import DemoCity


def reports_seed(
    city: DemoCity,
    *,
    statuses: dict[str, Status],
    categories: dict[str, Category],
    answers: dict[tuple[str, str], str],
    handlers: dict[str, Any],
) -> None:
    planner = Planner(city, statuses, categories, answers, handlers)
    if not planner.streets or not planner.leaves or "eingegangen" not in statuses:
        city.log("defect reports skipped: no streets, categories or statuses")
        return
    plans = planner.plans()
    wanted = {plan.key: demo_token(plan.key) for plan in plans}
    existing = dict(Report.objects.filter(token__in=wanted.values()).values_list("token", "pk"))
    todo = [plan for plan in plans if wanted[plan.key] not in existing]
    if not todo:
        city.log(f"{len(existing)} demo defect reports present")
        return
    routes: dict[tuple[int, int], Any] = {}
    reports = {plan.key: _report(plan, statuses, routes, wanted[plan.key]) for plan in todo}
    # Originals first, so that duplicates can point to them.
    Report.objects.bulk_create([reports[p.key] for p in todo if not p.duplicate_of])
    token_pk = dict(Report.objects.filter(token__in=wanted.values()).values_list("token", "pk"))
    duplicates = []
    for plan in todo:
        if plan.duplicate_of:
            report = reports[plan.key]
            report.duplicate_of_id = token_pk[wanted[plan.duplicate_of]]
            duplicates.append(report)
    Report.objects.bulk_create(duplicates)
    token_pk = dict(Report.objects.filter(token__in=wanted.values()).values_list("token", "pk"))
    _children_create(todo, reports, statuses, token_pk, wanted)
    city.log(f"{len(todo)} demo defect reports created ({len(existing)} were present)")


def _report(plan: Plan, statuses: dict[str, Status], routes: dict, token: uuid.UUID) -> Report:
    district = plan.street.district
    route_key = (plan.category.pk, district.pk)
    if route_key not in routes:
        routes[route_key] = report_route(
            category=plan.category, location=plan.location, district=district
        )
    last_status = next(s.status for s in reversed(plan.steps) if s.status)
    status = statuses[last_status]
    answers = [s.at for s in plan.steps if s.kind == "status" and s.public and s.author]
    closed_at = max(s.at for s in plan.steps) if status.is_closed else None
    confirmed = next((s.at for s in plan.steps if s.kind == "confirmed"), None)
    report = Report(
        token=token,
        category=plan.category,
        status=status,
        department=routes[route_key],
        district=district,
        location=plan.location,
        address=plan.address,
        description=plan.description,
        attributes=plan.attributes,
        channel=plan.channel,
        moderation=plan.moderation,
        moderation_reason=plan.reason,
        reporter=plan.reporter,
        supporter_count=plan.supporters,
        created_at=plan.created_at,
        updated_at=max(s.at for s in plan.steps),
        confirmed_at=confirmed,
        published_at=(confirmed or plan.created_at)
        if plan.moderation == Report.Moderation.APPROVED
        else None,
        first_answer_at=min(answers) if answers else None,
        closed_at=closed_at,
        staff_notified_at=plan.created_at + timedelta(minutes=1),
    )
    return report


def _children_create(todo, reports, statuses, token_pk, wanted) -> None:
    """Timelines, supports, contacts; a merged duplicate's supporters count for its original."""
    updates, supports, contacts = [], [], []
    extra_support: dict[int, int] = {}
    for plan in todo:
        report = reports[plan.key]
        report.pk = token_pk[wanted[plan.key]]
        for step in plan.steps:
            text = step.text
            if step.kind == "merged":
                original = token_pk[wanted[plan.duplicate_of]]
                text = f"Zusammengeführt mit Meldung #{original}."
                extra_support[original] = extra_support.get(original, 0) + 1
                updates.append(
                    ReportUpdate(
                        report_id=original,
                        kind="merged",
                        text=f"Meldung #{report.pk} wurde mit dieser zusammengeführt.",
                        public=False,
                        author=step.author,
                        created_at=step.at,
                        notified_at=step.at,
                    )
                )
            updates.append(
                ReportUpdate(
                    report_id=report.pk,
                    kind=step.kind,
                    status=statuses[step.status] if step.status else None,
                    text=text,
                    public=step.public,
                    author=step.author,
                    created_at=step.at,
                    notified_at=step.at,
                )
            )
        supports.extend(
            ReportSupport(report_id=report.pk, supporter_key=f"demo:{plan.key}:{n}")
            for n in range(plan.supporters)
        )
        if plan.email:
            contacts.append(
                ReporterContact(
                    report_id=report.pk,
                    email=plan.email,
                    language="de",
                    confirmation_sent_at=plan.created_at,
                )
            )
    ReportUpdate.objects.bulk_create(updates)
    ReportSupport.objects.bulk_create(supports, ignore_conflicts=True)
    ReporterContact.objects.bulk_create(contacts, ignore_conflicts=True)
    for pk, merged in extra_support.items():
        Report.objects.filter(pk=pk).update(supporter_count=F("supporter_count") + merged)
