"""Serializers of the catalogue's REST API: output shapes, and the input of dataset writes."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon, Polygon
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework_gis.fields import GeometryField

from opendata.catalogue.addresses import distribution_address
from opendata.catalogue.fields import OUTPUT_FIELDS
from opendata.catalogue.models import DataService, Dataset, DataTheme, Distribution, Publisher
from opendata.catalogue.vocabularies import (
    DATA_THEME,
    MEDIA_TYPES,
    AccessRights,
    FileFormat,
    Frequency,
    Licence,
    Theme,
)


class PublisherSerializer(serializers.ModelSerializer):
    class Meta:
        model = Publisher
        fields = ["id", "name", "title", "title_en", "description", "homepage", "email"]


class PublisherRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Publisher
        fields = ["name", "title"]


class ThemeSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True, help_text="Label in the reader's language.")
    uri = serializers.SerializerMethodField()

    class Meta:
        model = DataTheme
        fields = ["code", "label", "uri"]

    def get_uri(self, theme: DataTheme) -> str:
        return DATA_THEME + theme.code


class DistributionSerializer(serializers.ModelSerializer):
    dataset = serializers.SlugRelatedField(slug_field="name", read_only=True)
    download_url = serializers.SerializerMethodField()
    media_type = serializers.SerializerMethodField()

    class Meta:
        model = Distribution
        fields = [
            "id",
            "dataset",
            "title",
            "description",
            "download_url",
            "format",
            "media_type",
            "byte_size",
            "checksum_sha256",
            "licence",
            "availability",
            "modified",
        ]

    def get_download_url(self, distribution: Distribution) -> str:
        return distribution_address(distribution)

    def get_media_type(self, distribution: Distribution) -> str | None:
        return MEDIA_TYPES.get(distribution.format)


class DistributionInDatasetSerializer(DistributionSerializer):
    class Meta(DistributionSerializer.Meta):
        fields = [f for f in DistributionSerializer.Meta.fields if f != "dataset"]


@extend_schema_field(
    {
        "type": "object",
        "nullable": True,
        "description": "GeoJSON geometry (MultiPolygon, WGS 84).",
        "properties": {
            "type": {"type": "string", "enum": ["MultiPolygon"]},
            "coordinates": {"type": "array", "items": {}},
        },
    }
)
class SpatialField(GeometryField):
    """GeoJSON in and out; a Polygon given on input is stored as a MultiPolygon."""

    def to_internal_value(self, value: Any) -> GEOSGeometry:
        geometry = super().to_internal_value(value)
        if geometry.srid is None:
            geometry.srid = 4326
        if isinstance(geometry, Polygon):
            geometry = MultiPolygon(geometry, srid=geometry.srid)
        if not isinstance(geometry, MultiPolygon):
            raise serializers.ValidationError("Use a Polygon or MultiPolygon.")
        return geometry


@extend_schema_field(OpenApiTypes.STR)
class ThemeCodeField(serializers.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=Theme.choices, **kwargs)

    def to_internal_value(self, data: Any) -> str:
        return super().to_internal_value(str(data).upper())


class DatasetSerializer(serializers.ModelSerializer):
    publisher = PublisherRefSerializer(read_only=True)
    themes = serializers.SerializerMethodField()
    keywords = serializers.SerializerMethodField()
    spatial = SpatialField(read_only=True)
    distributions = DistributionInDatasetSerializer(many=True, read_only=True)
    dcat_url = serializers.SerializerMethodField()

    class Meta:
        model = Dataset
        fields = ["id", *OUTPUT_FIELDS, "dcat_url"]

    def get_themes(self, dataset: Dataset) -> list[str]:
        """EU data-theme codes, e.g. TRAN."""
        return dataset.theme_codes

    def get_keywords(self, dataset: Dataset) -> list[str]:
        # From the prefetched keyword_items (the tag manager would query per dataset).
        return sorted(item.tag.name for item in dataset.keyword_items.all())

    def get_dcat_url(self, dataset: Dataset) -> str:
        return f"{settings.PORTAL_BASE_URL}/dataset/{dataset.name}.ttl"


class DistributionInputSerializer(serializers.Serializer):
    id = serializers.UUIDField(
        required=False,
        help_text="On PATCH, the id of one of the dataset's distributions updates it in place.",
    )
    title = serializers.CharField(max_length=250, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    url = serializers.URLField(
        max_length=500,
        required=False,
        allow_blank=True,
        help_text="Download or access address; required for a new distribution. "
        "Left out (or the distribution's own download address), a stored file stays.",
    )
    format = serializers.ChoiceField(choices=FileFormat.choices)
    licence = serializers.ChoiceField(
        choices=Licence.choices, required=False, help_text="Defaults to the dataset's licence."
    )
    availability = serializers.ChoiceField(
        choices=Distribution.Availability.choices, required=False
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # Only an existing distribution (given by id) may keep what it has.
        if not attrs.get("id"):
            missing = {
                field: [serializers.Field.default_error_messages["required"]]
                for field in ("title", "url")
                if not attrs.get(field)
            }
            if missing:
                raise serializers.ValidationError(missing)
        return attrs


class DatasetWriteSerializer(serializers.Serializer):
    """Input of POST and PATCH; the model and DCAT-AP.de's publication rules validate the rest.

    Declares exactly ``catalogue.fields.WRITE_FIELDS`` (a test holds them equal).
    """

    name = serializers.SlugField(max_length=100)
    state = serializers.ChoiceField(choices=Dataset.State.choices, default=Dataset.State.DRAFT)
    title = serializers.CharField(max_length=250)
    title_en = serializers.CharField(max_length=250, required=False, allow_blank=True)
    description = serializers.CharField()
    description_en = serializers.CharField(required=False, allow_blank=True)
    publisher = serializers.SlugRelatedField(
        slug_field="name", queryset=Publisher.objects.all(), help_text="The publisher's name."
    )
    contact_name = serializers.CharField(max_length=150)
    contact_email = serializers.EmailField()
    themes = serializers.ListField(child=ThemeCodeField(), required=False)
    keywords = serializers.ListField(child=serializers.CharField(max_length=100), required=False)
    licence = serializers.ChoiceField(choices=Licence.choices, required=False)
    attribution = serializers.CharField(max_length=250, required=False, allow_blank=True)
    issued = serializers.DateField(required=False, allow_null=True)
    modified = serializers.DateTimeField(required=False, allow_null=True)
    accrual_periodicity = serializers.ChoiceField(
        choices=Frequency.choices, required=False, allow_blank=True
    )
    temporal_start = serializers.DateField(required=False, allow_null=True)
    temporal_end = serializers.DateField(required=False, allow_null=True)
    spatial = SpatialField(required=False, allow_null=True)
    political_geocoding_uri = serializers.URLField(required=False, allow_blank=True)
    landing_page = serializers.URLField(required=False, allow_blank=True)
    access_rights = serializers.ChoiceField(choices=AccessRights.choices, required=False)
    provenance = serializers.CharField(required=False, allow_blank=True)
    version = serializers.CharField(max_length=40, required=False, allow_blank=True)
    action_field = serializers.CharField(max_length=60, required=False, allow_blank=True)
    distributions = DistributionInputSerializer(
        many=True,
        required=False,
        help_text="On PATCH, a given list is the new list of distributions: entries with the "
        "id of an existing distribution update it in place, entries without id are created, "
        "distributions left out are removed.",
    )


class DataServiceSerializer(serializers.ModelSerializer):
    publisher = PublisherRefSerializer(read_only=True)
    endpoint_url = serializers.SerializerMethodField()
    endpoint_description_url = serializers.SerializerMethodField()
    serves_datasets = serializers.SerializerMethodField()

    class Meta:
        model = DataService
        fields = [
            "id",
            "name",
            "title",
            "title_en",
            "description",
            "description_en",
            "publisher",
            "endpoint_url",
            "endpoint_description_url",
            "conforms_to",
            "licence",
            "access_rights",
            "serves_all_datasets",
            "serves_datasets",
        ]

    @staticmethod
    def _absolute(path: str) -> str:
        if not path or "://" in path:
            return path
        return f"{settings.PORTAL_BASE_URL}{path}"

    def get_endpoint_url(self, service: DataService) -> str:
        return self._absolute(service.endpoint_path)

    def get_endpoint_description_url(self, service: DataService) -> str:
        return self._absolute(service.endpoint_description_path)

    def get_serves_datasets(self, service: DataService) -> list[str]:
        """Names of the published datasets it serves (empty when it serves all)."""
        return [dataset.name for dataset in service.serves_datasets.all()]
