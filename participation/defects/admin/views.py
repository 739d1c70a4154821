"""The report screen: everything staff do with one report, each action one service call.

``report_handle`` shows the report with its promise, photos, timeline, the nearest sensor and
one form per action; a POST names its ``action``. Access: the report must be in the person's
list (``report_list_for_staff``; otherwise 404, so that another unit's report numbers reveal
nothing), and each action asks its rule (otherwise 403).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from opendata.sensors.selectors import thing_latest_nearby
from participation.core.selectors import street_lookup
from participation.defects import services
from participation.defects.admin import forms as staff_forms
from participation.defects.handling import selectors as staff_selectors
from participation.defects.handling import services as staff_services
from participation.defects.models import Report, ReporterContact, ReportPhoto
from participation.defects.promise import report_promise
from participation.defects.validation import location_from_coordinates

ACCESS = "defects.access_reports"
HANDLE = "defects.handle_report"
MODERATE = "defects.moderate_report"
MERGE = "defects.merge_report"
SENSOR_RADIUS_METRES = 100.0


def _report_or_404(request: HttpRequest, pk: int) -> Report:
    if not request.user.has_perm(ACCESS):
        raise PermissionDenied
    report = staff_selectors.report_get_for_staff(user=request.user, pk=pk)
    if report is None:
        raise Http404
    return report


def _require(request: HttpRequest, permission: str, report: Report) -> None:
    if not request.user.has_perm(permission, report):
        raise PermissionDenied


def _errors_text(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return " ".join(
            f"{field}: {' '.join(str(m) for m in errors[0].messages)}"
            for field, errors in error.error_dict.items()
        )
    return " ".join(error.messages)


# --- actions: each takes the bound form's data and calls one service ------------------------


def _moderate(request: HttpRequest, report: Report, data: dict[str, Any]) -> str:
    _require(request, MODERATE, report)
    approve = data["decision"] == "approve"
    services.report_moderate(
        report=report,
        approve=approve,
        reason=data["reason"],
        by=request.user,
        photos_public=[int(pk) for pk in data["photos_public"]],
    )
    return _("The report was approved.") if approve else _("The report was rejected.")


def _status(request: HttpRequest, report: Report, data: dict[str, Any]) -> str:
    _require(request, HANDLE, report)
    services.report_status_change(
        report=report,
        status=data["status"],
        text=data["text"],
        by=request.user,
        public=data["public"],
    )
    return _("The status was changed.")


def _note(request: HttpRequest, report: Report, data: dict[str, Any]) -> str:
    _require(request, HANDLE, report)
    services.report_note_add(report=report, text=data["text"], by=request.user)
    return _("The note was added.")


def _assign(request: HttpRequest, report: Report, data: dict[str, Any]) -> str:
    _require(request, HANDLE, report)
    services.report_assign(report=report, department=data["department"], by=request.user)
    return _("The report was assigned to %(unit)s.") % {"unit": data["department"].name}


def _merge(request: HttpRequest, report: Report, data: dict[str, Any]) -> str:
    _require(request, MERGE, report)
    into = Report.objects.filter(pk=data["into"]).select_related("status", "department").first()
    if into is None or not request.user.has_perm(MERGE, into):
        raise ValidationError({"into": _("There is no report with this number that you handle.")})
    services.report_merge(duplicate=report, into=into, by=request.user)
    return _("The report was merged into report #%(id)s.") % {"id": into.pk}


def _forward(request: HttpRequest, report: Report, data: dict[str, Any]) -> str:
    _require(request, HANDLE, report)
    staff_services.report_forward(
        report=report, email=data["email"], message=data["message"], by=request.user
    )
    return _("The report was forwarded to %(email)s.") % {"email": data["email"]}


Action = Callable[[HttpRequest, Report, dict[str, Any]], str]
ACTIONS: dict[str, tuple[str, Action]] = {
    "moderate": ("moderate_form", _moderate),
    "status": ("status_form", _status),
    "note": ("note_form", _note),
    "assign": ("assign_form", _assign),
    "merge": ("merge_form", _merge),
    "forward": ("forward_form", _forward),
}


def _forms(report: Report, data: Any = None, only: str = "") -> dict[str, forms.Form]:
    """Every action's form; only the submitted one is bound."""
    photo_ids = list(report.photos.values_list("pk", flat=True))
    templates = staff_selectors.answer_templates_for(category=report.category)

    def bound(name: str) -> Any:
        return data if name == only else None

    return {
        "moderate_form": staff_forms.ModerateForm(
            bound("moderate"), photo_ids=photo_ids, prefix="moderate"
        ),
        "status_form": staff_forms.StatusForm(
            bound("status"),
            templates=templates,
            prefix="status",
            initial={"status": report.status_id},
        ),
        "note_form": staff_forms.NoteForm(bound("note"), prefix="note"),
        "assign_form": staff_forms.AssignForm(
            bound("assign"), prefix="assign", initial={"department": report.department_id}
        ),
        "merge_form": staff_forms.MergeForm(bound("merge"), prefix="merge"),
        "forward_form": staff_forms.ForwardForm(bound("forward"), prefix="forward"),
    }


def _sensor(report: Report) -> Any:
    if not report.category.sensor_kind:
        return None
    return thing_latest_nearby(
        observed_property_slug=report.category.sensor_kind,
        location=report.location,
        radius_m=SENSOR_RADIUS_METRES,
    )


def report_handle(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request, pk)
    user = request.user
    action = request.POST.get("action", "") if request.method == "POST" else ""
    all_forms = _forms(report, request.POST if action else None, action)
    status = 200
    if action:
        if action not in ACTIONS:
            return HttpResponse(_("Unknown action."), status=400)
        form_name, perform = ACTIONS[action]
        form = all_forms[form_name]
        if form.is_valid():
            try:
                messages.success(request, perform(request, report, form.cleaned_data))
                return redirect("defects_reports:edit", report.pk)
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.error_dict.items():
                        target = field if field in form.fields else None
                        for message in errors:
                            form.add_error(target, message)
                else:
                    form.add_error(None, error)
        messages.error(request, _("The action was not carried out. Please correct the form."))
        status = 400
    report.refresh_from_db()
    can_handle = user.has_perm(HANDLE, report)
    context = {
        "report": report,
        "page_title": _("Report #%(id)s") % {"id": report.pk},
        "header_icon": "warning",
        "promise": report_promise(
            created_at=report.created_at, first_answer_at=report.first_answer_at
        ),
        "photos": list(report.photos.all()),
        "timeline": staff_selectors.report_staff_timeline(report=report),
        "contact": ReporterContact.objects.filter(report=report).first() if can_handle else None,
        "can_handle": can_handle,
        "can_moderate": user.has_perm(MODERATE, report),
        "can_merge": user.has_perm(MERGE, report),
        "is_pending": report.moderation == Report.Moderation.PENDING,
        "templates": staff_selectors.answer_templates_for(category=report.category),
        "sensor": _sensor(report),
        **all_forms,
    }
    return TemplateResponse(request, "defects/admin/report_handle.html", context, status=status)


def report_print(request: HttpRequest, pk: int) -> HttpResponse:
    """A print-friendly status sheet; the reporter's contact only for those handling it."""
    report = _report_or_404(request, pk)
    can_handle = request.user.has_perm(HANDLE, report)
    return TemplateResponse(
        request,
        "defects/admin/report_print.html",
        {
            "report": report,
            "promise": report_promise(
                created_at=report.created_at, first_answer_at=report.first_answer_at
            ),
            "timeline": staff_selectors.report_staff_timeline(report=report),
            "contact": ReporterContact.objects.filter(report=report).first()
            if can_handle
            else None,
        },
    )


# --- photos ---------------------------------------------------------------------------------


def _photo(request: HttpRequest, pk: int) -> ReportPhoto:
    photo = get_object_or_404(ReportPhoto.objects.select_related("report"), pk=pk)
    report = _report_or_404(request, photo.report_id)
    if not (request.user.has_perm(HANDLE, report) or request.user.has_perm(MODERATE, report)):
        raise PermissionDenied
    return photo


def photo_visibility(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return HttpResponse(status=405, headers={"Allow": "POST"})
    photo = _photo(request, pk)
    public = request.POST.get("public") == "1"
    staff_services.report_photo_visibility(photo=photo, public=public, by=request.user)
    messages.success(
        request, _("The photo was released.") if public else _("The photo was hidden.")
    )
    return redirect("defects_reports:edit", photo.report_id)


def photo_redact(request: HttpRequest, pk: int) -> HttpResponse:
    """Black out rectangles: drawn on the photo with the script, or typed in without it."""
    photo = _photo(request, pk)
    form = staff_forms.RedactForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                staff_services.report_photo_redact(
                    photo=photo,
                    rectangles=[
                        staff_services.Rectangle(*box) for box in form.cleaned_data["boxes"]
                    ],
                    by=request.user,
                )
                messages.success(request, _("The photo was redacted; the original is deleted."))
                return redirect("defects_reports:edit", photo.report_id)
            except ValidationError as error:
                form.add_error(None, _errors_text(error))
        status = 400
    return TemplateResponse(
        request,
        "defects/admin/photo_redact.html",
        {
            "photo": photo,
            "form": form,
            "page_title": _("Redact photo %(id)s") % {"id": photo.pk},
            "header_icon": "image",
        },
        status=status,
    )


# --- recording a report on a citizen's behalf ----------------------------------------------


def report_record(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(ACCESS):
        raise PermissionDenied
    form = staff_forms.RecordForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data.get("latitude") is not None and data.get("longitude") is not None:
                    location = location_from_coordinates(data["latitude"], data["longitude"])
                else:
                    location = street_lookup(
                        street_id=data["street"].pk, house_number=data["house_number"]
                    )
                report = services.report_submit(
                    service_code=data["category"].service_code,
                    location=location,
                    description=data["description"],
                    channel=data["channel"],
                    address=(
                        f"{data['street'].name} {data['house_number']}".strip()
                        if data.get("street")
                        else ""
                    ),
                    contact=services.Contact(
                        email=data["email"],
                        first_name=data["first_name"],
                        last_name=data["last_name"],
                        phone=data["phone"],
                    ),
                    recorded_by=request.user,
                )
            except ValidationError as error:
                for field, errors in getattr(error, "error_dict", {None: [error]}).items():
                    target = field if field in form.fields else None
                    for message in errors:
                        form.add_error(target, message)
            else:
                messages.success(request, _("Report #%(id)s was recorded.") % {"id": report.pk})
                if staff_selectors.report_get_for_staff(user=request.user, pk=report.pk):
                    return redirect("defects_reports:edit", report.pk)
                return redirect("defects_reports:index")
        status = 400
    return TemplateResponse(
        request,
        "defects/admin/report_record.html",
        {
            "form": form,
            "page_title": _("Record a report taken by phone or at the counter"),
            "header_icon": "mail",
        },
        status=status,
    )
