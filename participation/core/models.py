"""Shared data of participation: the city's own street list (a local gazetteer).

Citizens without JavaScript (or without a map) give a place as street and house number; the
point comes from this list, not from a third-party geocoding service.
"""

from __future__ import annotations

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
