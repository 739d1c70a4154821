"""The portal's user: one account for reports, participation and the CMS."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    # Citizens log in with their e-mail address (allauth); the username is kept for Django's
    # admin and Wagtail but never shown publicly.
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(
        _("public name"),
        max_length=60,
        blank=True,
        help_text=_("Shown next to your contributions instead of your real name."),
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def public_name(self) -> str:
        return self.display_name or _("Citizen")


class ApiToken(models.Model):
    """A personal access token for the write APIs (REST /api/v1/ and CKAN /api/3/action/).

    The secret is shown once when the token is created; only its SHA-256 hash is stored. The
    prefix is stored in clear to find the row without scanning hashes.
    """

    class Scope(models.TextChoices):
        CATALOGUE_WRITE = "catalogue:write", _("Create and change datasets in the catalogue")
        DATASTORE_WRITE = "datastore:write", _("Write data into the datastore")
        SENSORS_LORAWAN = (
            "sensors:lorawan",
            _("Deliver LoRaWAN uplinks (The Things Stack webhook)"),
        )

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        # Wagtail's own (scope-less) APIToken already uses "api_tokens".
        related_name="portal_api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the token is for, e.g. “harvest script”.")
    )
    prefix = models.CharField(_("prefix"), max_length=16, unique=True, editable=False)
    secret_hash = models.CharField(_("SHA-256 hash of the token"), max_length=64, editable=False)
    scopes = models.JSONField(_("scopes"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    # Claimed by the beat job that mails the owner before the token expires (once per token).
    expiry_warned_at = models.DateTimeField(
        _("expiry warning sent"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    def is_expired(self, now=None) -> bool:
        from django.utils import timezone

        return self.expires_at is not None and self.expires_at <= (now or timezone.now())

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])


class AccountMail(models.Model):
    """A rendered account mail (sign-up confirmation, password reset, ...) waiting for the job
    queue, so that a slow or failing mail server never holds up the request that sent it.

    It holds a link that logs in or resets a password: the row is deleted once the mail is
    sent, and unsent after its links have expired (``ACCOUNT_MAIL_MAX_AGE_HOURS``).
    """

    recipients = models.JSONField(_("recipients"), default=list)
    from_email = models.CharField(_("sender"), max_length=254)
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("text"))
    html = models.TextField(_("HTML text"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    # Set while a worker sends it (conditional update), so that two never send it twice.
    claimed_at = models.DateTimeField(_("being sent since"), null=True, blank=True)
    # The last try: the sweep leaves a mail alone while its job may still be retrying.
    attempted_at = models.DateTimeField(_("last attempt"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("account mail")
        verbose_name_plural = _("account mails")

    def __str__(self) -> str:
        return f"{self.subject} ({self.created_at:%Y-%m-%d %H:%M})"
