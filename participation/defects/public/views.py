"""Citizens' pages of the defect reporter: every flow works without JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from participation.defects import selectors, services


def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_public_detail(pk=pk)
    if report is None or not request.user.has_perm("defects.view_report", report):
        raise Http404
    if report.duplicate_of_id is not None:
        return redirect("defects:report", pk=report.duplicate_of_id)
    context = {
        "report": report,
        "timeline": selectors.report_public_timeline(report=report),
        "photos": selectors.report_public_photos(report=report),
        "location": selectors.report_public_location(report=report),
    }
    return render(request, "defects/public/report.html", context)


@require_http_methods(["GET", "POST"])
def report_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (mail scanners follow links); POST confirms."""
    if request.method == "GET":
        return render(request, "defects/public/link_action.html", {"action": "confirm"})
    try:
        report, confirmed = services.report_confirm(token=token)
    except ValidationError:
        return render(request, "defects/public/link_invalid.html", status=400)
    if confirmed:
        messages.success(request, _("Thank you: your report is confirmed and published."))
    else:
        messages.info(request, _("This report was confirmed already."))
    return redirect("defects:report", pk=report.pk)


@require_http_methods(["GET", "POST"])
def report_feedback(request: HttpRequest, token: str, answer: str) -> HttpResponse:
    if answer not in ("yes", "no"):
        raise Http404
    if request.method == "GET":
        return render(request, "defects/public/link_action.html", {"action": f"feedback-{answer}"})
    try:
        report, reopened = services.report_feedback(token=token, fixed=answer == "yes")
    except ValidationError:
        return render(request, "defects/public/link_invalid.html", status=400)
    if reopened:
        messages.warning(request, _("Thank you: the report is open again and back with the team."))
    else:
        messages.success(request, _("Thank you for your answer."))
    return redirect("defects:report", pk=report.pk)


@require_http_methods(["GET", "POST"])
def report_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One click (RFC 8058 POST from the mail program, or the button on the page)."""
    if request.method == "GET":
        return render(request, "defects/public/link_action.html", {"action": "unsubscribe"})
    try:
        report = services.report_unsubscribe(token=token)
    except ValidationError:
        return render(request, "defects/public/link_invalid.html", status=400)
    messages.success(request, _("You will get no more e-mails about this report."))
    return redirect("defects:report", pk=report.pk)
