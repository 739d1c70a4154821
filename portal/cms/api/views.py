"""GeoJSON of the projects behind the project map (in the OpenAPI schema)."""

from __future__ import annotations

from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework_gis.fields import GeoJsonDict, GeometryField
from rest_framework_gis.serializers import GeoFeatureModelSerializer
from wagtail.models import Locale

from portal.cms import selectors
from portal.cms.models import ProjectPage, ProjectStatus

STATUS_LABELS = dict(ProjectStatus.choices)


class FastGeometryField(GeometryField):
    """GeoJSON of points without the GDAL round trip (the map's common case)."""

    def to_representation(self, value):
        if value is not None and value.geom_type == "Point":
            return GeoJsonDict({"type": "Point", "coordinates": [value.x, value.y]})
        return super().to_representation(value)


class ProjectFeatureSerializer(GeoFeatureModelSerializer):
    url = serializers.SerializerMethodField()
    status_label = serializers.SerializerMethodField()
    location = FastGeometryField()
    action_field = serializers.SerializerMethodField()
    district = serializers.CharField(source="district.name", default=None)
    language = serializers.CharField(source="locale.language_code")

    class Meta:
        model = ProjectPage
        geo_field = "location"
        id_field = "id"
        fields = [
            "id",
            "title",
            "intro",
            "url",
            "status",
            "status_label",
            "action_field",
            "district",
            "language",
        ]

    def get_url(self, project: ProjectPage) -> str:
        return project.get_url(request=self.context.get("request")) or ""

    def get_status_label(self, project: ProjectPage) -> str:
        return str(STATUS_LABELS.get(project.status, project.status))

    def get_action_field(self, project: ProjectPage) -> str | None:
        field = getattr(project, "action_field", None)
        return field.title if field else None


class ProjectGeoJsonApi(ListAPIView):
    """All published projects with a location as a GeoJSON FeatureCollection."""

    serializer_class = ProjectFeatureSerializer
    pagination_class = None
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "lang",
                OpenApiTypes.STR,
                enum=["de", "en"],
                description="Language of titles (untranslated projects in German).",
            ),
            OpenApiParameter(
                "action_field",
                OpenApiTypes.STR,
                description="Slug of an action field in that language.",
            ),
            OpenApiParameter("status", OpenApiTypes.STR, enum=ProjectStatus.values),
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation, no request data
            return ProjectPage.objects.none()
        params = self.request.query_params
        language = params.get("lang", "de")
        if language not in ("de", "en"):
            raise ValidationError({"lang": ["Use de or en."]})
        status = params.get("status") or None
        if status and status not in ProjectStatus.values:
            raise ValidationError({"status": [f"Use one of: {', '.join(ProjectStatus.values)}."]})
        locale = Locale.objects.get(language_code=language)
        field = None
        if slug := params.get("action_field"):
            field = next(
                (f for f in selectors.action_field_list(locale=locale) if f.slug == slug), None
            )
            if field is None:
                raise ValidationError({"action_field": [f"No action field {slug!r}."]})
        with translation.override(language):
            projects = selectors.project_list(locale=locale, action_field=field, status=status)
        return [project for project in projects if project.location is not None]

    def list(self, request, *args, **kwargs):
        language = request.query_params.get("lang", "de")
        with translation.override(language if language in ("de", "en") else "de"):
            return super().list(request, *args, **kwargs)
