"""Filters of the dataset list (django-filter, documented in the OpenAPI schema)."""

from __future__ import annotations

import django_filters
from django.contrib.gis.geos import Polygon
from django.db.models import Exists, OuterRef, QuerySet
from rest_framework.exceptions import ValidationError

from opendata.catalogue import search
from opendata.catalogue.models import Dataset, DatasetKeyword, Distribution
from opendata.catalogue.vocabularies import FileFormat, Licence, Theme


class DatasetFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        label="Full text",
        help_text="Words that must all occur in the title or description (German or English).",
    )
    theme = django_filters.ChoiceFilter(
        method="filter_theme",
        choices=Theme.choices,
        help_text="EU data-theme code, e.g. TRAN.",
    )
    publisher = django_filters.CharFilter(
        field_name="publisher__name", help_text="The publisher's name, e.g. stadtwerke."
    )
    format = django_filters.ChoiceFilter(
        method="filter_format",
        choices=FileFormat.choices,
        help_text="Datasets with at least one distribution in this format.",
    )
    licence = django_filters.ChoiceFilter(choices=Licence.choices, help_text="Licence code.")
    keyword = django_filters.CharFilter(
        method="filter_keyword", help_text="A keyword (exact, case-insensitive)."
    )
    modified_since = django_filters.IsoDateTimeFilter(
        field_name="metadata_modified",
        lookup_expr="gte",
        help_text="Only records changed at or after this time (ISO 8601), for harvesters.",
    )
    bbox = django_filters.CharFilter(
        method="filter_bbox",
        help_text="min_lon,min_lat,max_lon,max_lat (WGS 84): datasets whose area intersects it.",
    )

    class Meta:
        model = Dataset
        fields = ["q", "theme", "publisher", "format", "licence", "keyword", "modified_since"]

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # The same words, fields and folding as package_search and the search page.
        for word in search.text_terms(value)[:10]:
            queryset = queryset.filter(search.text_condition(word))
        return queryset

    def filter_theme(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        through = Dataset.themes.through
        return queryset.filter(
            Exists(through.objects.filter(dataset_id=OuterRef("pk"), datatheme_id=value))
        )

    def filter_format(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Exists(Distribution.objects.filter(dataset_id=OuterRef("pk"), format=value))
        )

    def filter_keyword(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Exists(
                DatasetKeyword.objects.filter(
                    content_object_id=OuterRef("pk"), tag__name__iexact=value
                )
            )
        )

    def filter_bbox(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        try:
            west, south, east, north = (float(part) for part in value.split(","))
        except ValueError:
            raise ValidationError({"bbox": ["Use min_lon,min_lat,max_lon,max_lat."]}) from None
        if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
            raise ValidationError({"bbox": ["Not a bounding box in WGS 84."]})
        box = Polygon.from_bbox((west, south, east, north))
        box.srid = 4326
        return queryset.filter(spatial__intersects=box)
