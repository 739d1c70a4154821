"""Following contributions and areas: subscribe, confirm, unsubscribe (no JavaScript needed)."""

from __future__ import annotations

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from participation.core import selectors, services
from participation.core.public.forms import AbuseFlagForm, SubscribeForm, target_unsign
from participation.core.spam import (
    FLAG_RATE,
    FOLLOW_RATE,
    post_rate_exceeded,
    too_many_response,
)

TOPICS = ("defects",)


def _safe_next(request: HttpRequest, value: str) -> str | None:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return None


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    """GET: follow a district; POST: also what a contribution's page sends (a signed target)."""
    initial = {"topic": "defects"}
    if request.user.is_authenticated:
        initial["email"] = request.user.email
    form = SubscribeForm(request.POST or None, initial=initial)
    if request.method == "POST":
        wait = post_rate_exceeded(request, scope="participation-follow", rate=FOLLOW_RATE)
        if wait is not None:
            return too_many_response(request, wait=wait)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        target = None
        topic = data.get("topic") or "defects"
        if data.get("target"):
            topic, label, pk = target_unsign(data["target"])  # type: ignore[misc]
            target = apps.get_model(label).objects.filter(pk=pk).first()
        try:
            if data.get("target") and target is None:
                raise ValidationError({"target": _("This contribution no longer exists.")})
            subscription = services.subscription_create(
                email=data["email"],
                topic=topic,
                target=target,
                district=None if target is not None else data["district"],
                user=request.user,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            if subscription.confirmed_at:
                messages.success(request, _("Done: you will get e-mails about it."))
            else:
                messages.success(
                    request,
                    _("Almost done: please confirm with the link we have sent to %(email)s.")
                    % {"email": subscription.email},
                )
            return redirect(_safe_next(request, data.get("next", "")) or "participation:subscribe")
    return render(
        request,
        "participation/subscribe.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def subscription_confirm(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "GET":
        return render(request, "participation/link_action.html", {"action": "confirm"})
    try:
        _subscription, confirmed = services.subscription_confirm(token=token)
    except ValidationError:
        return render(request, "participation/link_invalid.html", status=400)
    messages.success(
        request,
        _("Thank you: your subscription is confirmed.")
        if confirmed
        else _("This subscription was confirmed already."),
    )
    return redirect("participation:subscribe")


@csrf_exempt  # RFC 8058: mail programs POST the one-click unsubscribe without a form
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "GET":
        return render(request, "participation/link_action.html", {"action": "unsubscribe"})
    services.subscription_delete(token=token)
    # The same answer whether it existed: nobody learns which tokens were valid.
    messages.success(request, _("You will get no more of these e-mails."))
    return redirect("participation:subscribe")


@require_http_methods(["POST"])
def flag(request: HttpRequest) -> HttpResponse:
    """ "Report abuse" on a contribution: into the moderators' queue, once per visitor."""
    wait = post_rate_exceeded(request, scope="participation-flag", rate=FLAG_RATE)
    if wait is not None:
        return too_many_response(request, wait=wait)
    form = AbuseFlagForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _topic, label, pk = target_unsign(data["target"])  # type: ignore[misc]
        target = apps.get_model(label).objects.filter(pk=pk).first()
        if not request.session.session_key:
            request.session.save()
        key = selectors.flagger_key(user=request.user, session_key=request.session.session_key)
        if target is not None and key is not None:
            try:
                new = services.abuse_flag(
                    target=target, reason=data["reason"], text=data["text"], flagger_key=key
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(
                    request,
                    _("Thank you: our moderators will look at it.")
                    if new
                    else _("You have reported this already; our moderators will look at it."),
                )
                return redirect(_safe_next(request, data.get("next", "")) or "/")
        else:
            form.add_error(None, _("This contribution no longer exists."))
    return render(request, "participation/flag.html", {"form": form}, status=400)
