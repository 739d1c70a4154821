"""The citizen's report form, in two steps that work without JavaScript.

Step 1 (``PlaceForm``): category and place, as a map pin (JavaScript fills latitude and
longitude), as coordinates typed in, or as a street from the city's list with a house number.
Step 2 (``ReportForm``): the same place fields hidden, then description, photos and an optional
e-mail address. Nearby duplicates are checked between the two steps, before any photo is chosen,
so no upload has to be carried across a second post.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from participation.core import selectors as core_selectors
from participation.core.spam import SpamProtectedForm
from participation.defects import selectors

MAX_PHOTOS = 3
PHOTO_TYPES = "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"


def _number(value: str) -> float | None:
    try:
        return float(value.strip().replace(",", "."))
    except ValueError:
        return None


class PlaceForm(forms.Form):
    """Step 1: what and where."""

    category = forms.ChoiceField(
        label=_("Category"),
        error_messages={
            "required": _("Please choose a category."),
            "invalid_choice": _("Please choose one of the listed categories."),
        },
    )
    latitude = forms.CharField(
        label=_("Latitude"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    longitude = forms.CharField(
        label=_("Longitude"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    street = forms.ChoiceField(label=_("Street"), required=False)
    house_number = forms.CharField(
        label=_("House number"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("Please choose")), *selectors.category_choices()]
        streets = core_selectors.streets_by_district()
        self.street_names = {str(pk): name for _group, items in streets for pk, name in items}
        self.fields["street"].choices = [
            ("", _("No street chosen")),
            *[(district, [(str(pk), name) for pk, name in items]) for district, items in streets],
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        latitude = (cleaned.get("latitude") or "").strip()
        longitude = (cleaned.get("longitude") or "").strip()
        street = cleaned.get("street") or ""
        self.location_field = "latitude"
        self.location: Point | None = None
        self.address = ""
        if latitude or longitude:
            lat, lon = _number(latitude), _number(longitude)
            for name, value, text in (("latitude", lat, latitude), ("longitude", lon, longitude)):
                if value is None:
                    self.add_error(
                        name,
                        _("Please enter a number, such as 53.8655.")
                        if text
                        else _("Please enter both latitude and longitude."),
                    )
            if lat is not None and lon is not None:
                if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                    self.add_error("latitude", _("These are not valid coordinates."))
                else:
                    self.location = Point(lon, lat, srid=4326)
        elif street:
            self.location_field = "street"
            number = cleaned.get("house_number", "").strip()
            try:
                self.location = core_selectors.street_lookup(street_id=street, house_number=number)
            except ValidationError as error:
                self.add_error("street", error.message_dict.get("street", error.messages))
            self.address = f"{self.street_names.get(street, '')} {number}".strip()
        else:
            self.add_error(
                "latitude",
                _("Please set the place: on the map, as coordinates, or as a street."),
            )
        return cleaned

    def add_service_errors(self, error: ValidationError) -> None:
        """Errors of the checks behind the form (category, location) onto its fields."""
        for key, messages in error.message_dict.items():
            target = {"category": "category", "location": self.location_field}.get(key)
            self.add_error(target if target in self.fields else None, messages)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_PHOTOS:
            raise ValidationError(_("At most three photos, please."), code="too_many")
        return [super(PhotosField, self).clean(f, initial) for f in files]


class ReportForm(PlaceForm, SpamProtectedForm):
    """Step 2: the place from step 1 (hidden), the description, photos and contact."""

    description = forms.CharField(
        label=_("Description"),
        help_text=_("What is wrong, and where exactly? At most 4,000 characters."),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Please describe the problem.")},
    )
    photos = PhotosField(
        label=_("Photos (optional)"),
        required=False,
        help_text=_(
            "Up to three photos: JPEG, PNG, WebP or HEIC, at most 10 MB each. We remove the "
            "location and camera data from them."
        ),
    )
    email = forms.EmailField(
        label=_("E-mail address (optional)"),
        required=False,
        help_text=_(
            "We send you a link to confirm the report, and news when its status changes. "
            "Without an address the report is checked by our team before it is published."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Please enter a valid e-mail address.")},
    )
    name = forms.CharField(
        label=_("Name (optional)"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def __init__(self, *args: Any, attributes: list[dict[str, Any]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("category", "latitude", "longitude", "street", "house_number"):
            self.fields[name].widget = forms.HiddenInput()
        self.fields["photos"].widget.attrs.update({"accept": PHOTO_TYPES, "multiple": True})
        self.attribute_fields: dict[str, str] = {}
        for attribute in sorted(attributes or [], key=lambda a: a.get("order") or 0):
            if attribute.get("variable") is False or not attribute.get("code"):
                continue
            code = str(attribute["code"])
            name = f"attribute_{code}"
            self.attribute_fields[code] = name
            self.fields[name] = _attribute_field(attribute)

    def attribute_answers(self) -> dict[str, Any]:
        return {code: self.cleaned_data.get(name) for code, name in self.attribute_fields.items()}

    def contact_names(self) -> tuple[str, str]:
        """The name as first and last name (Open311 keeps them apart); one word: first."""
        first, _sep, last = (self.cleaned_data.get("name") or "").strip().rpartition(" ")
        return (first, last) if first else (last, "")

    def add_service_errors(self, error: ValidationError) -> None:
        fields = {"description": "description", "photos": "photos", "email": "email"}
        fields |= {f"attribute[{code}]": name for code, name in self.attribute_fields.items()}
        for key, messages in error.message_dict.items():
            target = fields.get(key)
            self.add_error(target if target in self.fields else None, messages)

    @property
    def place_errors(self) -> bool:
        place = ("category", "latitude", "longitude", "street", "house_number")
        return any(name in self.errors for name in place)


def _attribute_field(attribute: dict[str, Any]) -> forms.Field:
    """A form field for an Open311 attribute (a category's extra question)."""
    label = str(attribute.get("description") or attribute["code"])
    required = bool(attribute.get("required"))
    help_text = str(attribute.get("datatype_description") or "")
    options = [
        (str(v.get("key")), str(v.get("name") or v.get("key")))
        for v in attribute.get("values") or []
    ]
    kwargs = {"label": label, "required": required, "help_text": help_text}
    if attribute.get("datatype") == "singlevaluelist" and options:
        return forms.ChoiceField(choices=[("", _("Please choose")), *options], **kwargs)
    if attribute.get("datatype") == "text":
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=500, **kwargs)
    return forms.CharField(max_length=500, **kwargs)
