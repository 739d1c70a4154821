"""The search form of the catalogue page; facet values come straight from the query string."""

from __future__ import annotations

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from opendata.catalogue.fq import SearchError
from opendata.catalogue.search import FACET_FIELDS, parse_bbox
from portal.core.models import District

# Public sort keys and the search engine's sort expressions.
SORTS = {
    "relevance": "score desc, metadata_modified desc",
    "modified": "metadata_modified desc",
    "title": "title_string asc",
    "name": "name asc",
}
ROWS_CHOICES = (10, 20, 50)
DEFAULT_ROWS = 20
MAX_PAGE = 1000
MAX_FILTER_VALUES = 20
MAX_FILTER_LENGTH = 100


class CatalogueSearchForm(forms.Form):
    q = forms.CharField(label=_("Search term"), max_length=200, required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("relevance", _("Relevance")),
            ("modified", _("Last updated")),
            ("title", _("Title (A–Z)")),
            ("name", _("Name (URL)")),
        ],
    )
    rows = forms.TypedChoiceField(
        label=_("Results per page"),
        required=False,
        coerce=int,
        empty_value=DEFAULT_ROWS,
        choices=[(str(n), str(n)) for n in ROWS_CHOICES],
    )
    page = forms.IntegerField(
        label=_("Page"), required=False, min_value=1, max_value=MAX_PAGE, widget=forms.HiddenInput
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        required=False,
        queryset=District.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("Whole city"),
    )
    bbox = forms.CharField(
        label=_("Area (west, south, east, north)"),
        required=False,
        max_length=200,
        help_text=_("Longitude and latitude in degrees, for example 8.54,50.92,8.69,51.00."),
    )

    def __init__(self, data: QueryDict, *args, **kwargs) -> None:
        super().__init__(data, *args, **kwargs)
        self.filters: dict[str, list[str]] = {}
        self.filter_errors: list[str] = []
        for name in FACET_FIELDS:
            values = [v.strip() for v in data.getlist(name) if v.strip()]
            if len(values) > MAX_FILTER_VALUES or any(len(v) > MAX_FILTER_LENGTH for v in values):
                self.filter_errors.append(
                    str(_("Too many or too long filter values were given; they were ignored."))
                )
                continue
            if values:
                self.filters[name] = list(dict.fromkeys(values))

    def clean_bbox(self) -> tuple[float, float, float, float] | None:
        value = self.cleaned_data["bbox"].strip()
        if not value:
            return None
        try:
            return parse_bbox(value.replace(" ", ""))
        except SearchError:
            raise forms.ValidationError(
                _(
                    "Enter four numbers separated by commas: west, south, east, north "
                    "(west less than east, south less than north)."
                ),
                code="invalid",
            ) from None

    def clean_sort(self) -> str:
        return self.cleaned_data["sort"] or ""

    def search_area(self) -> tuple[float, float, float, float] | None:
        """The bounding box to search in: drawn on the map, else the chosen district's."""
        data = getattr(self, "cleaned_data", {})
        if data.get("bbox"):
            return data["bbox"]
        district = data.get("district")
        if district is not None:
            return district.area.extent
        return None
