"""The "Mängelmelder" admin menu: reports, and the reference data behind them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from participation.core.models import Street
from participation.defects.admin import views
from participation.defects.admin.forms import RoutingRuleForm, StreetForm
from participation.defects.handling.selectors import report_list_for_staff
from participation.defects.models import AnswerTemplate, Category, Report, RoutingRule, Status
from participation.defects.promise import report_promise
from participation.defects.selectors import category_lineage
from portal.core.permissions import RulesPermissionPolicy

# --- reports --------------------------------------------------------------------------------


class ReportPermissionPolicy(RulesPermissionPolicy):
    """Reports in the admin: the list for whoever works on reports; changes only through the
    report screen's actions (each asking its own rule); nobody deletes a report by hand."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        if action in ("view", "change", "add"):
            return bool(user.has_perm("defects.access_reports"))
        return False

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        if action not in ("view", "change"):
            return False
        return bool(
            user.has_perm("defects.handle_report", instance)
            or (
                instance.moderation == Report.Moderation.PENDING
                and user.has_perm("defects.moderate_report", instance)
            )
        )


def _promise_label(report: Report) -> str:
    if report.status.is_closed and report.first_answer_at is None:
        return "–"
    promise = report_promise(created_at=report.created_at, first_answer_at=report.first_answer_at)
    return promise.label


def _number(report: Report) -> str:
    return format_html("#{}", report.pk)


QUEUE_QUERY = "moderation=pending&ordering=created_at"


class ReportIndexView(IndexView):
    """Only the reports the person may see; search by number (with or without #) or text."""

    def get_base_queryset(self) -> QuerySet[Report]:
        return report_list_for_staff(user=self.request.user)

    def search_queryset(self, queryset: QuerySet[Report]) -> QuerySet[Report]:
        if not self.is_searching:
            return queryset
        query = self.search_query.strip().lstrip("#")
        text = Q(description__icontains=query) | Q(address__icontains=query)
        if query.isdigit():
            text |= Q(pk=int(query))
        return queryset.filter(text)


class ReportViewSet(ModelViewSet):
    model = Report
    name = "defects_reports"
    url_prefix = "defects/report"  # the unit's mail links to /admin/defects/report/edit/<id>/
    icon = "warning"
    menu_label = _("Reports")
    menu_order = 100
    index_view_class = ReportIndexView
    list_filter = ["status", "category", "district", "department", "moderation", "channel"]
    search_fields = ["description", "address"]
    list_display = [
        TitleColumn(
            "number",
            label=_("Number"),
            accessor=_number,
            get_url=lambda report: reverse("defects_reports:edit", args=[report.pk]),
        ),
        "category",
        "status",
        "district",
        "department",
        "moderation",
        "channel",
        "created_at",
        Column("promise", label=_("Response promise"), accessor=_promise_label),
    ]
    # The generic add and edit views are replaced below; this only satisfies the viewset.
    form_fields = ["description"]

    def get_urlpatterns(self) -> list[Any]:
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", views.report_record, name="add"),
            path("edit/<int:pk>/", views.report_handle, name="edit"),
            path("print/<int:pk>/", views.report_print, name="print"),
            path("photo/<int:pk>/visibility/", views.photo_visibility, name="photo_visibility"),
            path("photo/<int:pk>/redact/", views.photo_redact, name="photo_redact"),
        ]


def moderation_queue(request: HttpRequest) -> HttpResponse:
    """The queue is the report list of pending reports, oldest first."""
    if not request.user.has_perm("defects.moderate_report"):
        raise PermissionDenied
    return redirect(reverse("defects_reports:index") + "?" + QUEUE_QUERY)


class ModerationMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return bool(request.user.has_perm("defects.moderate_report"))


class ModerationQueueViewSet(ViewSet):
    name = "defects_moderation"
    url_prefix = "defects/moderation"
    icon = "tasks"
    menu_label = _("Moderation queue")
    menu_order = 110
    menu_item_class = ModerationMenuItem

    def get_urlpatterns(self) -> list[Any]:
        return [path("", moderation_queue, name="index")]


# --- reference data -------------------------------------------------------------------------


def _category_path(category: Category) -> str:
    return " › ".join(member.label for member in reversed(category_lineage(category)))


class CategoryViewSet(ModelViewSet):
    model = Category
    name = "defects_categories"
    url_prefix = "defects/category"
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    menu_order = 200
    list_display = [
        Column("path", label=_("Category (with its group)"), accessor=_category_path),
        "service_code",
        "department",
        "sensitive",
        "sensor_kind",
        "active",
    ]
    list_filter = ["parent", "department", "active", "sensitive"]
    search_fields = ["name", "name_en", "service_code", "keywords"]
    form_fields = [
        "parent",
        "service_code",
        "name",
        "name_en",
        "description",
        "description_en",
        "keywords",
        "icon",
        "department",
        "attributes",
        "sensitive",
        "sensor_kind",
        "active",
        "order",
    ]

    def get_queryset(self, request: Any) -> QuerySet[Category]:
        return Category.objects.select_related("parent__parent", "department").order_by(
            "parent__order", "parent__name", "order", "name"
        )


class StatusViewSet(ModelViewSet):
    model = Status
    name = "defects_statuses"
    url_prefix = "defects/status"
    icon = "pick"
    menu_label = _("Statuses")
    menu_order = 210
    list_display = ["name", "name_en", "colour", "is_closed", "is_initial", "order"]
    form_fields = ["slug", "name", "name_en", "colour", "is_closed", "is_initial", "order"]


class RoutingRuleViewSet(ModelViewSet):
    model = RoutingRule
    name = "defects_routing"
    url_prefix = "defects/routingrule"
    icon = "site"
    menu_label = _("Routing rules")
    menu_order = 220
    list_display = ["category", "district", "department", "priority"]
    list_filter = ["category", "district", "department"]

    def get_form_class(self, for_update: bool = False) -> type:
        return RoutingRuleForm

    def get_queryset(self, request: Any) -> QuerySet[RoutingRule]:
        return RoutingRule.objects.select_related("category", "district", "department")


class AnswerTemplateViewSet(ModelViewSet):
    model = AnswerTemplate
    name = "defects_answers"
    url_prefix = "defects/answertemplate"
    icon = "openquote"
    menu_label = _("Answer templates")
    menu_order = 230
    list_display = ["title", "category"]
    list_filter = ["category"]
    search_fields = ["title", "text"]
    form_fields = ["category", "title", "text", "text_en"]


class StreetViewSet(ModelViewSet):
    model = Street
    name = "defects_streets"
    url_prefix = "defects/street"
    icon = "table"
    menu_label = _("Streets")
    menu_order = 240
    list_display = ["name", "district", "first_number", "last_number"]
    list_filter = ["district"]
    search_fields = ["name"]

    def get_form_class(self, for_update: bool = False) -> type:
        return StreetForm


class DefectsGroup(ViewSetGroup):
    items = (
        ReportViewSet,
        ModerationQueueViewSet,
        CategoryViewSet,
        StatusViewSet,
        RoutingRuleViewSet,
        AnswerTemplateViewSet,
        StreetViewSet,
    )
    menu_icon = "warning"
    menu_label = _("Mängelmelder")
    menu_name = "defects"
    menu_order = 250
