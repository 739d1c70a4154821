"""Shared data of participation: the city's street list and people's subscriptions.

Citizens without JavaScript (or without a map) give a place as street and house number; the
point comes from this list, not from a third-party geocoding service.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.models import District


class Street(models.Model):
    """A street of the city, its course as a line, and the house numbers along it."""

    name = models.CharField(_("name"), max_length=120)
    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="streets", verbose_name=_("district")
    )
    line = models.LineStringField(_("course"), srid=4326)
    first_number = models.PositiveIntegerField(_("first house number"), default=1)
    last_number = models.PositiveIntegerField(_("last house number"), default=1)

    class Meta:
        ordering = ["name", "district"]
        verbose_name = _("street")
        verbose_name_plural = _("streets")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "district"], name="participation_street_unique_in_district"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.district})"


class Subscription(models.Model):
    """Someone wants mail about a contribution (a report, an idea) or about an area.

    Personal data: the e-mail address. Confirmed by a mailed link unless it belongs to the
    logged-in account; deleted, not flagged, when unsubscribed.
    """

    email = models.EmailField(_("e-mail address"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
        verbose_name=_("account"),
    )
    language = models.CharField(_("language"), max_length=8, default="de")
    topic = models.CharField(
        _("topic"), max_length=40, help_text=_("Which part of the portal sends these mails.")
    )
    # Either one contribution ...
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("kind")
    )
    object_id = models.PositiveBigIntegerField(_("object"), null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    # ... or an area: a district.
    district = models.ForeignKey(
        District,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
        verbose_name=_("district"),
    )
    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent"), null=True, blank=True)
    last_digest_at = models.DateTimeField(_("last digest"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        object_id__isnull=False, content_type__isnull=False, district__isnull=True
                    )
                    | models.Q(
                        object_id__isnull=True, content_type__isnull=True, district__isnull=False
                    )
                ),
                name="participation_subscription_item_or_area",
            ),
            models.UniqueConstraint(
                fields=["email", "topic", "content_type", "object_id"],
                condition=models.Q(district__isnull=True),
                name="participation_subscription_item_once",
            ),
            models.UniqueConstraint(
                fields=["email", "topic", "district"],
                condition=models.Q(district__isnull=False),
                name="participation_subscription_area_once",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Subscription %(id)s") % {"id": self.pk})

    @property
    def is_area(self) -> bool:
        return self.district_id is not None


class NotificationSent(models.Model):
    """One mail of one kind to one subscription: claimed by inserting, so it goes out once."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="notifications"
    )
    key = models.CharField(_("notification"), max_length=80)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("notification sent")
        verbose_name_plural = _("notifications sent")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "key"], name="participation_notification_once"
            )
        ]

    def __str__(self) -> str:
        return self.key


class AbuseFlag(models.Model):
    """A citizen's "report abuse" on a contribution: it lands in the moderators' queue."""

    class Reason(models.TextChoices):
        PERSONAL_DATA = "personal_data", _("It shows personal data")
        INSULT = "insult", _("Insult, hate or threat")
        SPAM = "spam", _("Advertising or spam")
        OTHER = "other", _("Something else")

    class Decision(models.TextChoices):
        KEPT = "kept", _("kept: no breach of the rules")
        REMOVED = "removed", _("removed or edited")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("kind"))
    object_id = models.PositiveBigIntegerField(_("object"))
    target = GenericForeignKey("content_type", "object_id")
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    text = models.TextField(_("details"), max_length=1000, blank=True)
    flagger_key = models.CharField(_("flagged by"), max_length=64)
    created_at = models.DateTimeField(_("flagged"), auto_now_add=True)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(_("reason of the decision"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("abuse report")
        verbose_name_plural = _("abuse reports")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "flagger_key"],
                name="participation_abuse_flag_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.created_at:%Y-%m-%d})"


# Nothing here is referenced from CMS pages: keep these rows out of Wagtail's reference index.
for _model in (Street, Subscription, NotificationSent, AbuseFlag):
    _model.wagtail_reference_index_ignore = True  # type: ignore[attr-defined]
