"""Site settings: the footer's legal pages and the alert banner (for example a flood warning)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from portal.core.i18n import in_reader_language


def _page_link(label: str) -> models.ForeignKey:
    return models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=label,
    )


@register_setting(icon="link")
class LegalPages(BaseSiteSetting):
    """The pages every footer links to (German originals; the footer shows the translation)."""

    imprint = _page_link(_("imprint"))
    privacy = _page_link(_("privacy notice"))
    accessibility = _page_link(_("accessibility statement"))
    plain_language = _page_link(_("Easy Read (Leichte Sprache)"))

    panels = [
        FieldPanel("imprint"),
        FieldPanel("privacy"),
        FieldPanel("accessibility"),
        FieldPanel("plain_language"),
    ]

    class Meta:
        verbose_name = _("legal pages")


@register_setting(icon="warning")
class AlertBanner(BaseSiteSetting):
    class Level(models.TextChoices):
        INFO = "info", _("information")
        WARNING = "warning", _("warning")
        DANGER = "danger", _("danger")

    active = models.BooleanField(_("show the banner"), default=False)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default="info")
    message = models.CharField(_("message (German)"), max_length=300, blank=True)
    message_en = models.CharField(_("message (English)"), max_length=300, blank=True)
    link = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("more information"),
    )
    show_until = models.DateTimeField(_("show until"), null=True, blank=True)

    panels = [
        FieldPanel("active"),
        FieldPanel("level"),
        FieldPanel("message"),
        FieldPanel("message_en"),
        FieldPanel("link"),
        FieldPanel("show_until"),
    ]

    class Meta:
        verbose_name = _("alert banner")

    @property
    def visible(self) -> bool:
        expired = self.show_until is not None and self.show_until < timezone.now()
        return self.active and bool(self.message) and not expired

    @property
    def localized_message(self) -> str:
        return in_reader_language(self.message, self.message_en)
