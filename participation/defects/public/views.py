"""Citizens' pages of the defect reporter: every flow works without JavaScript."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from participation.core.spam import SUPPORT_RATE, post_rate_exceeded, too_many_response
from participation.defects import selectors, services
from participation.defects.public.forms import PlaceForm, ReportForm
from portal.core.ratelimit import parse_rate

FORM_TEMPLATE = "defects/public/report_form.html"
THANKS_SESSION_KEY = "defects.submitted"


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
        "can_support": request.user.has_perm("defects.support_report", report),
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


@csrf_exempt  # RFC 8058: mail programs POST the one-click unsubscribe without a form
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


# --- the citizen's report form ----------------------------------------------------------------


def _form_context(**extra: Any) -> dict[str, Any]:
    return {"retention_days": settings.DEFECTS_CONTACT_RETENTION_DAYS, **extra}


@require_http_methods(["GET", "POST"])
def report_new(request: HttpRequest) -> HttpResponse:
    """Step 1 (category and place) → nearby duplicates with "me too" → step 2 (details)."""
    if not request.user.has_perm("defects.submit_report"):
        raise PermissionDenied
    step = request.POST.get("step", "") if request.method == "POST" else ""
    if step == "details":
        return _report_details_post(request)
    if step == "back":  # "change category or place" from step 2: step 1, filled in
        place = PlaceForm(initial={k: request.POST.get(k, "") for k in PlaceForm.base_fields})
        return render(request, FORM_TEMPLATE, _form_context(step="place", form=place))
    if step != "place":
        return render(request, FORM_TEMPLATE, _form_context(step="place", form=PlaceForm()))
    place = PlaceForm(request.POST)
    draft = _draft_or_errors(place)
    if draft is None:
        return render(request, FORM_TEMPLATE, _form_context(step="place", form=place), status=400)
    if draft.duplicates and not request.POST.get("different"):
        return render(
            request,
            FORM_TEMPLATE,
            _form_context(step="duplicates", form=place, place=place, draft=draft),
        )
    form = ReportForm(
        initial={k: place.cleaned_data.get(k, "") for k in PlaceForm.base_fields},
        attributes=draft.category.attributes,
    )
    return render(
        request, FORM_TEMPLATE, _form_context(step="details", form=form, draft=draft, place=place)
    )


def _draft_or_errors(place: PlaceForm) -> selectors.ReportDraft | None:
    if not place.is_valid() or place.location is None:
        return None
    try:
        return selectors.report_draft_check(
            service_code=place.cleaned_data["category"], location=place.location
        )
    except ValidationError as error:
        place.add_service_errors(error)
        return None


def _report_details_post(request: HttpRequest) -> HttpResponse:
    place = PlaceForm(request.POST)
    draft = _draft_or_errors(place)
    if draft is None:  # the hidden place went wrong (a category closed meanwhile): step 1
        return render(request, FORM_TEMPLATE, _form_context(step="place", form=place), status=400)
    form = ReportForm(request.POST, request.FILES, attributes=draft.category.attributes)
    context = _form_context(step="details", form=form, draft=draft, place=place)
    rate = parse_rate("DEFECTS_SUBMIT_RATE", settings.DEFECTS_SUBMIT_RATE)
    wait = post_rate_exceeded(request, scope="defects-submit", rate=rate) if rate else None
    if wait is not None:
        minutes = max(1, -(-wait // 60))
        context["rate_limited"] = ngettext(
            "You have sent many reports in a short time. Please try again in %(n)d minute; "
            "your entries are kept below (photos need to be chosen again).",
            "You have sent many reports in a short time. Please try again in %(n)d minutes; "
            "your entries are kept below (photos need to be chosen again).",
            minutes,
        ) % {"n": minutes}
        kept = {k: v for k, v in request.POST.dict().items() if k not in ("form_token", "website")}
        context["form"] = ReportForm(initial=kept, attributes=draft.category.attributes)
        response = render(request, FORM_TEMPLATE, context, status=429)
        response["Retry-After"] = str(wait)
        return response
    if form.is_valid():
        first_name, last_name = form.contact_names()
        try:
            report = services.report_submit(
                service_code=draft.category.service_code,
                location=draft.location,
                description=form.cleaned_data["description"],
                address=place.address,
                contact=services.Contact(
                    email=form.cleaned_data["email"], first_name=first_name, last_name=last_name
                ),
                photos=form.cleaned_data["photos"],
                attributes=form.attribute_answers(),
                reporter=request.user,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return _report_sent(request, report, emailed=bool(form.cleaned_data["email"]))
    return render(request, FORM_TEMPLATE, context, status=400)


def _report_sent(request: HttpRequest, report: Any, *, emailed: bool) -> HttpResponse:
    if report.is_public:
        messages.success(
            request,
            _("Thank you: your report #%(id)s is published and on its way to the team.")
            % {"id": report.pk},
        )
        return redirect("defects:report", pk=report.pk)
    request.session[THANKS_SESSION_KEY] = {"pk": report.pk, "emailed": emailed}
    return redirect("defects:report_thanks")


def report_thanks(request: HttpRequest) -> HttpResponse:
    sent = request.session.get(THANKS_SESSION_KEY)
    report = selectors.report_public_detail(pk=sent["pk"]) if sent else None
    if report is None:
        return redirect("defects:report_new")
    context = {"report": report, "emailed": sent["emailed"]}
    return render(request, "defects/public/report_thanks.html", context)


@require_POST
def report_support(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Me too": once per account or browser session."""
    report = selectors.report_public_detail(pk=pk)
    if report is None or not request.user.has_perm("defects.view_report", report):
        raise Http404
    if not request.user.has_perm("defects.support_report", report):
        messages.error(request, _("This report cannot be supported."))
        return redirect("defects:report", pk=report.pk)
    wait = post_rate_exceeded(request, scope="defects-support", rate=SUPPORT_RATE)
    if wait is not None:  # each new browser session would count again: limit per address
        return too_many_response(request, wait=wait, back=report_url(report))
    if not request.user.is_authenticated and not request.session.session_key:
        request.session["defects.supporter"] = True
        request.session.save()  # a key to count this browser by
    try:
        key = services.supporter_key(user=request.user, session_key=request.session.session_key)
        counted = services.report_support(report=report, key=key)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("defects:report", pk=report.pk)
    if counted:
        messages.success(request, _("Thank you: your support is counted."))
    else:
        messages.info(request, _("You support this report already."))
    return redirect("defects:report", pk=report.pk)


def report_url(report: Any) -> str:
    return reverse("defects:report", kwargs={"pk": report.pk})
