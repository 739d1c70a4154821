"""Reads for staff: the reports a person may handle, the moderation queue, answer templates."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from participation.defects.models import AnswerTemplate, Category, Report, ReportUpdate
from participation.defects.rules import handles_all_reports
from participation.defects.selectors import category_lineage
from portal.core.models import DepartmentMembership
from portal.core.rules import is_active_user, is_moderator


def report_list_for_staff(*, user: Any) -> QuerySet[Report]:
    """The reports ``user`` sees in the admin, as ``defects.handle_report`` allows.

    A central handler (``defects.handle_all_reports``) and superusers see every report; a
    unit's staff, those routed to their units; moderators, besides, the moderation queue.
    """
    reports = Report.objects.select_related("category", "status", "department", "district")
    if not is_active_user(user):
        return reports.none()
    if handles_all_reports(user):
        return reports
    visible = Q(department__in=DepartmentMembership.objects.filter(user=user).values("department"))
    if is_moderator(user):
        visible |= Q(moderation=Report.Moderation.PENDING)
    return reports.filter(visible)


def report_moderation_queue(*, user: Any) -> QuerySet[Report]:
    """Pending reports, oldest first."""
    return (
        report_list_for_staff(user=user)
        .filter(moderation=Report.Moderation.PENDING)
        .order_by("created_at", "pk")
    )


def report_get_for_staff(*, user: Any, pk: int) -> Report | None:
    return report_list_for_staff(user=user).filter(pk=pk).first()


def report_staff_timeline(*, report: Report) -> list[ReportUpdate]:
    """Every entry, internal ones included, with who made it."""
    return list(report.updates.select_related("status", "author").order_by("created_at", "pk"))


def answer_templates_for(*, category: Category) -> list[AnswerTemplate]:
    """The templates of the category, of its groups, and those for every category."""
    lineage = [member.pk for member in category_lineage(category)]
    return list(
        AnswerTemplate.objects.filter(Q(category__in=lineage) | Q(category__isnull=True)).order_by(
            "title", "pk"
        )
    )
