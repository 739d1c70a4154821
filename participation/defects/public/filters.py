"""The public overview's filters (GET), shared by the list, its map and the map's GeoJSON.

Every value is checked; an invalid one is an error naming the field (the views answer 400),
never a server error: unknown codes, bad dates, a reversed period, a bounding box of strings
or of numbers beyond the globe, a zoom beyond the map's levels.
"""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participation.defects import selectors
from participation.defects.models import Category


def start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


class ReportFilterForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), required=False)
    status = forms.ModelChoiceField(
        queryset=selectors.status_list(),
        to_field_name="slug",
        required=False,
        label=_("Status"),
        empty_label=_("All statuses"),
        error_messages={"invalid_choice": _("Choose a status from the list.")},
    )
    district = forms.ModelChoiceField(
        queryset=selectors.district_list(),
        to_field_name="slug",
        required=False,
        label=_("District"),
        empty_label=_("All districts"),
        error_messages={"invalid_choice": _("Choose a district from the list.")},
    )
    date_from = forms.DateField(
        label=_("Reported from"),
        required=False,
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date such as 2025-03-31.")},
    )
    date_to = forms.DateField(
        label=_("Reported until"),
        required=False,
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date such as 2025-03-31.")},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.tree = selectors.category_tree()
        choices: list[tuple[str, str]] = [("", str(_("All categories")))]
        for category, depth in self.tree:
            label = category.label
            if any(other.parent_id == category.pk for other, _depth in self.tree):
                label = str(_("%(group)s (whole group)") % {"group": label})
            choices.append((category.service_code, "\u2003" * depth + label))
        self.fields["category"].choices = choices
        self.fields["category"].error_messages["invalid_choice"] = _(
            "Choose a category from the list."
        )
        for field in ("date_from", "date_to"):
            self.fields[field].widget.attrs["min"] = "2000-01-01"

    def clean_date_from(self) -> date | None:
        return self._plausible(self.cleaned_data.get("date_from"))

    def clean_date_to(self) -> date | None:
        return self._plausible(self.cleaned_data.get("date_to"))

    @staticmethod
    def _plausible(day: date | None) -> date | None:
        if day is not None and not (date(2000, 1, 1) <= day <= date(2999, 12, 31)):
            raise forms.ValidationError(_("Enter a date between the years 2000 and 2999."))
        return day

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end of the period lies before its start."))
        return data

    def chosen_category(self) -> Category | None:
        code = self.cleaned_data.get("category")
        return next((c for c, _depth in self.tree if c.service_code == code), None)

    def category_ids(self, category: Category) -> tuple[int, ...]:
        """The category and everything below it, from the tree already loaded."""
        ids, inside, depth_of = [], False, 0
        for member, depth in self.tree:
            if member.pk == category.pk:
                inside, depth_of = True, depth
            elif inside and depth <= depth_of:
                break
            if inside:
                ids.append(member.pk)
        return tuple(ids)

    def report_filter(self) -> selectors.ReportFilter:
        """The valid form's filter (call after ``is_valid()``)."""
        data = self.cleaned_data
        category = self.chosen_category()
        return selectors.ReportFilter(
            category_ids=self.category_ids(category) if category else (),
            status_id=data["status"].pk if data.get("status") else None,
            district_id=data["district"].pk if data.get("district") else None,
            created_from=start_of(data["date_from"]) if data.get("date_from") else None,
            created_before=(
                start_of(data["date_to"] + timedelta(days=1)) if data.get("date_to") else None
            ),
        )


class MapForm(forms.Form):
    """The map's view: a zoom level and, optionally, the visible bounding box."""

    zoom = forms.IntegerField(
        label=_("Zoom level"),
        required=False,
        min_value=selectors.MAP_MIN_ZOOM,
        max_value=selectors.MAP_MAX_ZOOM,
    )
    bbox = forms.CharField(label=_("Bounding box"), required=False, max_length=200)

    def clean_bbox(self) -> tuple[float, float, float, float] | None:
        text = self.cleaned_data.get("bbox") or ""
        if not text:
            return None
        message = _(
            "Give four numbers: west, south, east, north in degrees (longitude −180 to 180, "
            "latitude −90 to 90), west before east and south before north."
        )
        parts = text.split(",")
        if len(parts) != 4:
            raise forms.ValidationError(message)
        try:
            west, south, east, north = (float(part) for part in parts)
        except ValueError:
            raise forms.ValidationError(message) from None
        numbers = (west, south, east, north)
        if not all(math.isfinite(n) for n in numbers):
            raise forms.ValidationError(message)
        if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
            raise forms.ValidationError(message)
        return west, south, east, north
