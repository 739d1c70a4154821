"""Writes of participation's shared core: subscriptions and the mails sent to subscribers.

Every app that lets people follow something (a defect report, an idea, an area) uses these:
double opt-in by a mailed link (unless the address is the logged-in account's own), a one-click
unsubscribe link in every mail, and each notification sent once per subscription
(``NotificationSent``), so a retried job never mails twice.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Model, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from participation.core.models import AbuseFlag, NotificationSent, Subscription
from participation.core.selectors import subscription_label
from portal.core.jobs import enqueue_on_commit
from portal.core.models import District

CONFIRMATION_RESEND_AFTER = timedelta(days=1)


def absolute_url(path: str) -> str:
    return f"{settings.PORTAL_BASE_URL}{path}"


def subscription_create(
    *,
    email: str,
    topic: str,
    target: Model | None = None,
    district: District | None = None,
    user: Any = None,
) -> Subscription:
    """Subscribe an address to a contribution or to a district; idempotent per address.

    A new address gets a confirmation link; the logged-in account's own address is
    confirmed at once. Subscribing again re-sends the link of an unconfirmed subscription.
    """
    from participation.core.tasks import subscription_confirmation_send_task

    email = (email or "").strip()
    try:
        if len(email) > 254:  # the column's (and RFC 5321's) limit
            raise ValidationError("too long")
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Please enter a valid e-mail address.")}) from None
    if (target is None) == (district is None):
        raise ValidationError({"target": _("Choose what you want to follow.")})
    own_address = bool(getattr(user, "is_authenticated", False)) and (
        email.lower() == (user.email or "").lower()
    )
    lookup: dict[str, Any] = {"email__iexact": email, "topic": topic}
    if target is not None:
        lookup |= {
            "content_type": ContentType.objects.get_for_model(target),
            "object_id": target.pk,
        }
    else:
        lookup["district"] = district
    with transaction.atomic():
        subscription = Subscription.objects.filter(**lookup).first()
        if subscription is None:
            fields = {key.replace("__iexact", ""): value for key, value in lookup.items()}
            try:
                with transaction.atomic():
                    subscription = Subscription.objects.create(
                        **fields,
                        user=user if own_address else None,
                        language=translation.get_language() or settings.LANGUAGE_CODE,
                        confirmed_at=timezone.now() if own_address else None,
                    )
            except IntegrityError:  # the same request twice at once
                subscription = Subscription.objects.get(**lookup)
        if subscription.confirmed_at is None:
            if own_address:
                subscription.confirmed_at = timezone.now()
                subscription.save(update_fields=["confirmed_at"])
            else:
                # The link again, but at most once a day: the form must not mail-bomb anyone.
                resend = Subscription.objects.filter(pk=subscription.pk).filter(
                    Q(confirmation_sent_at__isnull=True)
                    | Q(confirmation_sent_at__lt=timezone.now() - CONFIRMATION_RESEND_AFTER)
                )
                if resend.update(confirmation_sent_at=None):
                    enqueue_on_commit(subscription_confirmation_send_task, subscription.pk)
    return subscription


def _subscription_by_token(token: Any) -> Subscription:
    try:
        return Subscription.objects.get(token=str(token))
    except (Subscription.DoesNotExist, ValidationError, ValueError):
        raise ValidationError({"token": _("This link is not valid.")}) from None


def subscription_confirm(*, token: Any) -> tuple[Subscription, bool]:
    """Confirm through the mailed link: (subscription, confirmed just now)."""
    subscription = _subscription_by_token(token)
    claimed = Subscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True).update(
        confirmed_at=timezone.now()
    )
    subscription.refresh_from_db()
    return subscription, bool(claimed)


def subscription_delete(*, token: Any) -> bool:
    """Unsubscribe: the row (and with it the address) is deleted. False if already gone."""
    deleted, _rows = Subscription.objects.filter(token=str(token)).delete()
    return bool(deleted)


def subscription_confirmation_send(*, subscription_id: int) -> bool:
    """Mail the confirmation link once (claimed by its timestamp, released on failure)."""
    claimed = Subscription.objects.filter(
        pk=subscription_id, confirmed_at__isnull=True, confirmation_sent_at__isnull=True
    ).update(confirmation_sent_at=timezone.now())
    if not claimed:
        return False
    subscription = Subscription.objects.select_related("district").get(pk=subscription_id)
    try:
        with translation.override(subscription.language):
            confirm = absolute_url(
                reverse("participation:subscription_confirm", args=[subscription.token])
            )
            context = {
                "subscription": subscription,
                "what": subscription_label(subscription),
                "confirm_url": confirm,
                "site_name": settings.WAGTAIL_SITE_NAME,
            }
            EmailMessage(
                subject=render_to_string(
                    "participation/email/subscription_confirm_subject.txt", context
                ).strip(),
                body=render_to_string("participation/email/subscription_confirm.txt", context),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[subscription.email],
            ).send()
    except Exception:
        Subscription.objects.filter(pk=subscription_id).update(confirmation_sent_at=None)
        raise
    return True


def subscriber_notify(
    *,
    subscription: Subscription,
    key: str,
    subject: str,
    body_template: str,
    context: dict[str, Any],
) -> bool:
    """Send one notification to one subscriber, once per key, in the subscriber's language.

    ``subject`` is rendered inside the subscriber's language too (pass a callable-free
    string built by the caller inside ``translation.override``). The mail carries the one-click
    unsubscribe link in its body and as RFC 8058 headers.
    """
    try:
        with transaction.atomic():
            sent = NotificationSent.objects.create(subscription=subscription, key=key)
    except IntegrityError:
        return False
    unsubscribe = absolute_url(reverse("participation:unsubscribe", args=[subscription.token]))
    try:
        with translation.override(subscription.language):
            body = render_to_string(
                body_template,
                context
                | {
                    "unsubscribe_url": unsubscribe,
                    "site_name": settings.WAGTAIL_SITE_NAME,
                },
            )
            EmailMessage(
                subject=subject,
                body=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[subscription.email],
                headers={
                    "List-Unsubscribe": f"<{unsubscribe}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
            ).send()
    except Exception:
        NotificationSent.objects.filter(pk=sent.pk).delete()
        raise
    return True


def in_language(language: str, build: Callable[[], str]) -> str:
    """``build()`` evaluated in ``language`` (for subjects rendered per recipient)."""
    with translation.override(language):
        return build()


def abuse_flag(*, target: Model, reason: str, text: str, flagger_key: str) -> bool:
    """Flag a contribution for the moderators; once per flagger. True when it was new."""
    if reason not in AbuseFlag.Reason.values:
        raise ValidationError({"reason": _("Please choose a reason.")})
    text = (text or "").strip()
    if len(text) > 1000:
        raise ValidationError({"text": _("Please keep it under 1,000 characters.")})
    try:
        with transaction.atomic():
            AbuseFlag.objects.create(
                content_type=ContentType.objects.get_for_model(target),
                object_id=target.pk,
                reason=reason,
                text=text,
                flagger_key=flagger_key,
            )
    except IntegrityError:
        return False
    return True


def abuse_flag_decide(*, flag: AbuseFlag, decision: str, reason: str, by: Any) -> AbuseFlag:
    """The moderator's decision, with its reason; every open flag on the same target too."""
    if decision not in AbuseFlag.Decision.values:
        raise ValidationError({"decision": _("Please choose a decision.")})
    if not reason.strip():
        raise ValidationError({"decision_reason": _("Please give the reason for the decision.")})
    AbuseFlag.objects.filter(
        content_type=flag.content_type, object_id=flag.object_id, decided_at__isnull=True
    ).update(
        decision=decision, decision_reason=reason.strip(), decided_at=timezone.now(), decided_by=by
    )
    flag.refresh_from_db()
    return flag
