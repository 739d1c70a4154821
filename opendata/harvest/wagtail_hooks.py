"""The "Harvesting" admin menu: sources (with "run now"), jobs with their errors, sheet import."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus import MenuItem as ListingMenuItem
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from opendata.harvest import csv_sheet, services
from opendata.harvest.models import HarvestJob, HarvestSource
from portal.core.permissions import RulesPermissionPolicy, register_rules_policies

RUN_PERMISSION = "harvest.run_harvestsource"
IMPORT_PERMISSION = "harvest.import_dataset"
MAX_SHEET_BYTES = 5 * 1024 * 1024


class SourceIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.request.user.has_perm(RUN_PERMISSION):
            buttons.insert(
                0,
                ListingMenuItem(
                    _("Run now"),
                    url=reverse("harvest_sources:run", args=[instance.pk]),
                    icon_name="resubmit",
                    priority=5,
                ),
            )
        return buttons


def source_run(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation, POST queues a job for the source."""
    if not request.user.has_perm(RUN_PERMISSION):
        raise PermissionDenied
    source = get_object_or_404(HarvestSource, pk=pk)
    if request.method == "POST":
        services.harvest_job_queue(source=source, user=request.user)
        messages.success(
            request, _("A harvest of “%(source)s” was queued.") % {"source": source.title}
        )
        return redirect("harvest_jobs:index")
    return TemplateResponse(
        request,
        "harvest/admin/source_run.html",
        {"source": source, "page_title": _("Run harvest"), "header_icon": "resubmit"},
    )


class SourceViewSet(ModelViewSet):
    model = HarvestSource
    name = "harvest_sources"
    icon = "download"
    menu_label = gettext_lazy("Sources")
    index_view_class = SourceIndexView
    list_display = ["title", "kind", "url", "active", "last_job"]
    list_filter = ["kind", "active"]
    search_fields = ["title", "url"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("run/<int:pk>/", source_run, name="run"),
        ]


register_rules_policies(HarvestSource)
# Jobs are made by harvests and imports, never added or edited by hand.
register_permission_policy(
    HarvestJob, RulesPermissionPolicy(HarvestJob, actions=("view", "delete"))
)


def _errors_html(errors: list[dict]) -> str:
    if not errors:
        return "–"
    rows = format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (error.get("record", ""), error.get("field", ""), error.get("message", ""))
            for error in errors
        ),
    )
    return format_html(
        '<table class="listing"><thead><tr><th scope="col">{}</th><th scope="col">{}</th>'
        '<th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
        _("Record"),
        _("Field"),
        _("Message"),
        rows,
    )


class JobInspectView(InspectView):
    def get_errors_display_value(self):
        return _errors_html(self.object.errors)


class JobViewSet(ModelViewSet):
    model = HarvestJob
    name = "harvest_jobs"
    icon = "list-ul"
    menu_label = gettext_lazy("Jobs")
    inspect_view_enabled = True
    inspect_view_class = JobInspectView
    list_display = [
        "__str__",
        "status",
        "created_count",
        "updated_count",
        "unchanged_count",
        "skipped_count",
        "error_count",
        "created",
    ]
    list_filter = ["status", "kind", "source"]
    inspect_view_fields = [
        "source",
        "file_name",
        "kind",
        "status",
        "started_by",
        "created",
        "started",
        "finished",
        "created_count",
        "updated_count",
        "unchanged_count",
        "skipped_count",
        "errors",
    ]
    # Add and edit are refused by the policy; the form only satisfies the viewset.
    form_fields = ["status"]

    def get_queryset(self, request):
        return HarvestJob.objects.select_related("source", "started_by")


class SheetUploadForm(forms.Form):
    sheet = forms.FileField(
        label=gettext_lazy("Metadata sheet (CSV, UTF-8)"),
        help_text=gettext_lazy("Download the template to see the columns."),
    )

    def clean_sheet(self):
        sheet = self.cleaned_data["sheet"]
        if sheet.size > MAX_SHEET_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return sheet


def sheet_import(request: HttpRequest) -> HttpResponse:
    """Upload a metadata sheet: all rows are imported, or none and the form lists the errors."""
    if not request.user.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied
    job = None
    if request.method == "POST":
        form = SheetUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["sheet"]
            job = services.csv_sheet_import(
                content=upload.read(), file_name=upload.name, user=request.user
            )
            if job.status == HarvestJob.Status.FINISHED:
                messages.success(
                    request,
                    _(
                        "Sheet imported: %(created)s created, %(updated)s updated, "
                        "%(unchanged)s unchanged."
                    )
                    % {
                        "created": job.created_count,
                        "updated": job.updated_count,
                        "unchanged": job.unchanged_count,
                    },
                )
                return redirect("harvest_jobs:inspect", job.pk)
            form.add_error("sheet", _("Nothing was imported. Correct the errors listed below."))
    else:
        form = SheetUploadForm()
    return TemplateResponse(
        request,
        "harvest/admin/sheet_import.html",
        {
            "form": form,
            "job": job,
            "page_title": _("Import a metadata sheet"),
            "header_icon": "upload",
            "template_url": reverse("harvest_import:template"),
            "columns": csv_sheet.COLUMNS,
        },
        status=400 if job is not None else 200,
    )


def sheet_template(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied
    response = HttpResponse(csv_sheet.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="datasets-template.csv"'
    return response


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(IMPORT_PERMISSION)


class SheetImportViewSet(ViewSet):
    name = "harvest_import"
    icon = "upload"
    menu_label = gettext_lazy("Import sheet")
    menu_item_class = ImportMenuItem

    def get_urlpatterns(self):
        return [
            path("", sheet_import, name="upload"),
            path("template.csv", sheet_template, name="template"),
        ]


class HarvestGroup(ViewSetGroup):
    items = (SourceViewSet, JobViewSet, SheetImportViewSet)
    menu_icon = "download"
    menu_label = gettext_lazy("Harvesting")
    menu_name = "harvesting"


@hooks.register("register_admin_viewset")
def register_harvest_viewsets():
    return HarvestGroup()
