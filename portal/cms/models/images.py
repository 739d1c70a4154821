"""Images carry their copyright and an alternative text (accessibility)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class PortalImage(AbstractImage):
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describes the image for people who cannot see it. Empty for decoration."),
    )
    copyright = models.CharField(_("copyright"), max_length=200, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "alt_text", "copyright")


class PortalRendition(AbstractRendition):
    image = models.ForeignKey(PortalImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
