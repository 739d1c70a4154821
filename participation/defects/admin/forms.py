"""Forms of the staff side: each one collects the input of one service call."""

from __future__ import annotations

import math
from typing import Any

from django import forms
from django.contrib.gis.gdal.error import GDALException
from django.contrib.gis.geos import GEOSException, GEOSGeometry, LineString, MultiPolygon, Polygon
from django.utils.translation import gettext_lazy as _

from participation.core.models import Street
from participation.defects.models import (
    DESCRIPTION_MAX_LENGTH,
    Category,
    Report,
    RoutingRule,
    Status,
)
from portal.core.models import Department

GEOMETRY_HELP = _(
    "GeoJSON geometry or WKT, in WGS 84 longitude/latitude (for example copied from a "
    "geoportal's export)."
)


class GeometryTextField(forms.CharField):
    """A geometry typed or pasted as GeoJSON or WKT; each error names what is wrong."""

    widget = forms.Textarea(attrs={"rows": 4, "spellcheck": "false"})

    def __init__(self, *, geom_types: tuple[type, ...], **kwargs: Any) -> None:
        self.geom_types = geom_types
        kwargs.setdefault("help_text", GEOMETRY_HELP)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, GEOSGeometry):
            return value.geojson
        return value

    def to_python(self, value: Any) -> GEOSGeometry | None:
        if isinstance(value, GEOSGeometry):
            return value
        text = (value or "").strip()
        if not text:
            return None
        try:
            geometry = GEOSGeometry(text)
        except (GEOSException, GDALException, ValueError, TypeError):
            raise forms.ValidationError(
                _("This is neither GeoJSON nor WKT we can read."), code="invalid"
            ) from None
        if geometry.srid is None:
            geometry.srid = 4326
        if geometry.srid != 4326:
            geometry.transform(4326)
        if not isinstance(geometry, self.geom_types):
            raise forms.ValidationError(
                _("Expected %(kinds)s, got %(kind)s.")
                % {
                    "kinds": ", ".join(kind.__name__ for kind in self.geom_types),
                    "kind": geometry.geom_type,
                },
                code="geom_type",
            )
        if not geometry.valid:
            raise forms.ValidationError(
                _("The geometry is not valid: %(reason)s") % {"reason": geometry.valid_reason},
                code="invalid",
            )
        x_min, y_min, x_max, y_max = geometry.extent
        if not (-180 <= x_min <= x_max <= 180 and -90 <= y_min <= y_max <= 90):
            raise forms.ValidationError(
                _("Coordinates must be longitude and latitude in degrees."), code="range"
            )
        return geometry


class RoutingRuleForm(forms.ModelForm):
    area = GeometryTextField(geom_types=(Polygon, MultiPolygon), required=False, label=_("area"))

    class Meta:
        model = RoutingRule
        fields = ["category", "district", "area", "department", "priority"]

    def clean_area(self) -> MultiPolygon | None:
        area = self.cleaned_data.get("area")
        if isinstance(area, Polygon):
            area = MultiPolygon(area, srid=4326)
        return area

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("area") and data.get("district"):
            self.add_error(
                "district", _("Choose either an area or a district, or neither for the whole city.")
            )
        return data


class StreetForm(forms.ModelForm):
    line = GeometryTextField(geom_types=(LineString,), label=_("course"))

    class Meta:
        model = Street
        fields = ["name", "district", "first_number", "last_number", "line"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, last = data.get("first_number"), data.get("last_number")
        if first is not None and last is not None and first > last:
            self.add_error("last_number", _("The last house number is below the first."))
        return data


# --- reports --------------------------------------------------------------------------------


class ModerateForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (required for a rejection; kept internal)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )
    photos_public = forms.MultipleChoiceField(
        label=_("Photos to release"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, photo_ids: list[int] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["photos_public"].choices = [(str(pk), f"#{pk}") for pk in photo_ids]


class StatusForm(forms.Form):
    status = forms.ModelChoiceField(label=_("New status"), queryset=Status.objects.all())
    template = forms.ChoiceField(label=_("Answer template"), required=False)
    text = forms.CharField(
        label=_("Public answer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=DESCRIPTION_MAX_LENGTH,
        help_text=_("Shown on the report's page and mailed to the reporter."),
    )
    public = forms.BooleanField(label=_("Public (mail the reporter)"), required=False, initial=True)

    def __init__(self, *args: Any, templates: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.templates = {str(template.pk): template for template in templates}
        self.fields["template"].choices = [("", "–")] + [
            (str(template.pk), template.title) for template in templates
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        chosen = self.templates.get(data.get("template") or "")
        if chosen is not None:
            # The template's text is inserted where staff did not write their own.
            text = (data.get("text") or "").strip()
            data["text"] = f"{chosen.text}\n\n{text}".strip() if text else chosen.text
        return data


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=DESCRIPTION_MAX_LENGTH,
    )


class AssignForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("Responsible unit"), queryset=Department.objects.order_by("name")
    )


class MergeForm(forms.Form):
    into = forms.IntegerField(
        label=_("Number of the report to merge into"),
        min_value=1,
        help_text=_("This report becomes a duplicate of that one."),
    )


class ForwardForm(forms.Form):
    email = forms.EmailField(label=_("External handler's e-mail address"))
    message = forms.CharField(
        label=_("Message"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=DESCRIPTION_MAX_LENGTH,
    )


class PhotoVisibilityForm(forms.Form):
    public = forms.BooleanField(required=False)


class RedactForm(forms.Form):
    """One rectangle per submit without JavaScript; the drawing script sends several as
    ``rectangles`` (JSON list of [x, y, width, height])."""

    x = forms.IntegerField(label=_("Left (px)"), min_value=0, required=False)
    y = forms.IntegerField(label=_("Top (px)"), min_value=0, required=False)
    width = forms.IntegerField(label=_("Width (px)"), min_value=1, required=False)
    height = forms.IntegerField(label=_("Height (px)"), min_value=1, required=False)
    rectangles = forms.JSONField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        boxes: list[tuple[int, int, int, int]] = []
        drawn = data.get("rectangles")
        if drawn:
            if not isinstance(drawn, list) or not all(
                isinstance(box, list)
                and len(box) == 4
                and all(
                    isinstance(n, int | float) and math.isfinite(n) and abs(n) < 1e6 for n in box
                )
                for box in drawn
            ):
                raise forms.ValidationError(
                    {"rectangles": _("Rectangles must be lists of x, y, width and height.")}
                )
            boxes = [tuple(int(n) for n in box) for box in drawn]  # type: ignore[misc]
        fields = [data.get(name) for name in ("x", "y", "width", "height")]
        if all(value is not None for value in fields):
            boxes.append(tuple(fields))  # type: ignore[arg-type]
        elif any(value is not None for value in fields):
            raise forms.ValidationError(_("Give left, top, width and height of the rectangle."))
        if not boxes:
            raise forms.ValidationError(_("Draw a rectangle or give its position and size."))
        data["boxes"] = boxes
        return data


class RecordForm(forms.Form):
    """A report taken by phone or at the counter, on a citizen's behalf."""

    channel = forms.ChoiceField(
        label=_("Taken"),
        choices=[
            (Report.Channel.PHONE, _("by phone")),
            (Report.Channel.COUNTER, _("at the counter")),
        ],
    )
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.filter(active=True, children__isnull=True)
    )
    latitude = forms.DecimalField(
        label=_("Latitude"), max_digits=9, decimal_places=6, required=False
    )
    longitude = forms.DecimalField(
        label=_("Longitude"), max_digits=9, decimal_places=6, required=False
    )
    street = forms.ModelChoiceField(
        label=_("Street"), queryset=Street.objects.select_related("district"), required=False
    )
    house_number = forms.CharField(label=_("House number"), max_length=10, required=False)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=DESCRIPTION_MAX_LENGTH,
    )
    email = forms.EmailField(label=_("Citizen's e-mail address (optional)"), required=False)
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        has_coordinates = data.get("latitude") is not None and data.get("longitude") is not None
        if not has_coordinates and data.get("street") is None:
            raise forms.ValidationError(_("Give the coordinates or choose the street."))
        return data
