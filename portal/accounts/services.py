"""Writes of the accounts app: account mails through the job queue, and the warning mail
before an API token expires.

allauth renders its mails in the request (the visitor's language, the site's address) and
hands them to ``PortalAccountAdapter.send_mail``, which queues them here: the mail is stored,
a job sends it once the transaction commits, retries while the mail server is down, and a
beat sweep sends what the broker never took.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.users.models import UserProfile

from portal.accounts.models import AccountMail, ApiToken, User
from portal.core.jobs import MAIL_TASK_OPTIONS, enqueue, enqueue_on_commit

logger = logging.getLogger(__name__)

# A claim older than this belongs to a worker that died while sending (hard time limit 90 s).
STALE_CLAIM = timedelta(minutes=10)
# A mail tried this long ago is no longer in its job's retries (the longest pause between
# two is retry_backoff_max), so the sweep enqueues it again.
RETRIES_OVER = timedelta(seconds=MAIL_TASK_OPTIONS["retry_backoff_max"]) + timedelta(minutes=5)


def account_mail_queue(*, message: EmailMessage) -> AccountMail:
    """Store a rendered mail and send it from the job queue once the transaction commits."""
    from portal.accounts.tasks import account_mail_send_task

    html = ""
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            html = str(content)
    with transaction.atomic():
        mail = AccountMail.objects.create(
            recipients=list(message.to),
            from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
            subject=str(message.subject)[:998],
            body=str(message.body),
            html=html,
        )
        enqueue_on_commit(account_mail_send_task, mail.pk)
    return mail


def account_mail_send(*, mail_id: int) -> bool:
    """Send one queued mail and delete it; False when it is gone or another worker has it.

    A failure releases the claim and raises (the task retries)."""
    now = timezone.now()
    claimed = AccountMail.objects.filter(pk=mail_id, claimed_at__isnull=True).update(
        claimed_at=now, attempted_at=now
    )
    if not claimed:
        return False
    mail = AccountMail.objects.get(pk=mail_id)
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body,
        from_email=mail.from_email,
        to=mail.recipients,
    )
    if mail.html:
        message.attach_alternative(mail.html, "text/html")
    try:
        message.send()
    except Exception:
        AccountMail.objects.filter(pk=mail_id).update(claimed_at=None)
        raise
    AccountMail.objects.filter(pk=mail_id).delete()
    return True


def account_mails_send_pending(
    *, now: datetime | None = None, older_than: timedelta = timedelta(minutes=5)
) -> int:
    """The beat sweep: enqueue mails whose job never ran, whose retries ran out or whose
    worker died, and delete those whose links expired unsent. Returns how many it enqueued."""
    from portal.accounts.tasks import account_mail_send_task

    now = now or timezone.now()
    expired, _ = AccountMail.objects.filter(
        created_at__lt=now - timedelta(hours=settings.ACCOUNT_MAIL_MAX_AGE_HOURS)
    ).delete()
    if expired:
        logger.warning("deleted %d account mails that could not be sent in time", expired)
    AccountMail.objects.filter(claimed_at__lt=now - STALE_CLAIM).update(claimed_at=None)
    pending = (
        AccountMail.objects.filter(claimed_at__isnull=True, created_at__lt=now - older_than)
        .filter(Q(attempted_at__isnull=True) | Q(attempted_at__lt=now - RETRIES_OVER))
        .values_list("pk", flat=True)
    )
    return sum(enqueue(account_mail_send_task, pk) for pk in pending)


def user_language(user: User) -> str:
    """The language a user reads mail in: the admin's preference, else the site's."""
    preferred = (
        UserProfile.objects.filter(user=user).values_list("preferred_language", flat=True).first()
    )
    if preferred in {code for code, _name in settings.LANGUAGES}:
        return str(preferred)
    return settings.LANGUAGE_CODE


def api_token_expiry_warning_queue(*, token: ApiToken, now: datetime) -> bool:
    """Claim the token's one warning and queue the mail (both or neither)."""
    with transaction.atomic():
        claimed = ApiToken.objects.filter(pk=token.pk, expiry_warned_at__isnull=True).update(
            expiry_warned_at=now
        )
        if not claimed:
            return False
        with translation.override(user_language(token.user)):
            expires = date_format(timezone.localtime(token.expires_at), "DATE_FORMAT")
            subject = _("Your API token “%(name)s” expires on %(date)s") % {
                "name": token.name,
                "date": expires,
            }
            body = render_to_string(
                "accounts/email/api_token_expiring.txt",
                {
                    "token": token,
                    "expires": expires,
                    "site_name": settings.WAGTAIL_SITE_NAME,
                    "tokens_url": f"{settings.PORTAL_BASE_URL}/admin/api-tokens/",
                },
            )
        account_mail_queue(
            message=EmailMessage(
                subject=f"[{settings.WAGTAIL_SITE_NAME}] {subject}",
                body=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[token.user.email],
            )
        )
    return True


def api_tokens_warn_expiring(*, now: datetime | None = None) -> int:
    """The daily beat job: mail the owners of live tokens that expire within
    API_TOKEN_EXPIRY_WARNING_DAYS, once per token, in the owner's language."""
    now = now or timezone.now()
    horizon = now + timedelta(days=settings.API_TOKEN_EXPIRY_WARNING_DAYS)
    due = ApiToken.objects.filter(
        revoked_at__isnull=True,
        expiry_warned_at__isnull=True,
        expires_at__gt=now,
        expires_at__lte=horizon,
        user__is_active=True,
    ).select_related("user")
    return sum(api_token_expiry_warning_queue(token=token, now=now) for token in due)
