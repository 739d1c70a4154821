from __future__ import annotations

from hmac import compare_digest

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from portal.core import ratelimit, services
from portal.core.forms import ContactForm
from portal.core.health import health_report_cached


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers. No backend is asked and none is named, so that the
    check is free to call as often as a load balancer likes."""
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


def _may_see_readiness(request: HttpRequest) -> bool:
    if request.user.is_authenticated and request.user.is_staff:
        return True
    token = settings.HEALTHZ_TOKEN
    scheme, _sep, sent = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    return bool(token) and scheme.lower() == "bearer" and compare_digest(sent.strip(), token)


@never_cache
@require_GET
def healthz_ready(request: HttpRequest) -> JsonResponse:
    """Readiness for operators: database, cache, broker, worker and beat, 503 when one is
    down. Staff or ``Authorization: Bearer <HEALTHZ_TOKEN>``; answered from a report at
    most a few seconds old (portal/core/health.py)."""
    if not _may_see_readiness(request):
        return JsonResponse(
            {
                "detail": _(
                    "The readiness report is for operators: log in as staff or send the "
                    "health check token."
                )
            },
            status=403,
        )
    healthy, report = health_report_cached()
    return JsonResponse(report, status=200 if healthy else 503)


def contact(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ContactForm(request.POST)
        if form.is_valid():
            # Only messages that would be sent count: a citizen correcting typos is not held up.
            rate = settings.CONTACT_SUBMIT_RATE
            wait = (
                ratelimit.address_rate_exceeded(request, scope="contact", rate=rate)
                if rate
                else None
            )
            if wait is not None:
                return _contact_too_many(request, form, wait)
            data = form.cleaned_data
            services.contact_message_submit(
                topic=data["topic"],
                name=data["name"],
                email=data["email"],
                message=data["message"],
                page_url=data["page_url"],
            )
            messages.success(request, _("Thank you. Your message has been sent to our team."))
            return redirect("contact")
    else:
        form = ContactForm(initial={"topic": request.GET.get("topic", "general")})
    return render(request, "core/contact.html", {"form": form}, status=400 if form.errors else 200)


def _contact_too_many(request: HttpRequest, form: ContactForm, wait: int) -> HttpResponse:
    """429 with the form and the citizen's entries kept, and when to try again."""
    minutes = max(1, -(-wait // 60))
    message = ngettext(
        "You have sent several messages in a short time. Please try again in %(n)d minute; "
        "your message is kept below.",
        "You have sent several messages in a short time. Please try again in %(n)d minutes; "
        "your message is kept below.",
        minutes,
    ) % {"n": minutes}
    response = render(
        request, "core/contact.html", {"form": form, "rate_limited": message}, status=429
    )
    response["Retry-After"] = str(wait)
    return response


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /accounts/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
