"""The catalogue's REST API under /api/v1/: datasets, distributions, organisations, themes and
data services. Reading is anonymous and shows only published datasets; writing datasets needs
an API token with the scope ``catalogue:write``."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django_filters import rest_framework as django_filters
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from opendata.catalogue import selectors, services
from opendata.catalogue.api import serializers
from opendata.catalogue.api.filters import DatasetFilter
from opendata.catalogue.models import DataService, Dataset, DataTheme, Distribution, Publisher
from portal.accounts.authentication import TokenScopeOrReadOnly
from portal.accounts.models import ApiToken

NAME_PATTERN = r"[-a-z0-9_]+"


class _NoFormatOverride:
    """DRF's settings, except that ``?format=`` does not choose the renderer."""

    URL_FORMAT_OVERRIDE = None

    def __getattr__(self, name: str):
        return getattr(api_settings, name)


class FormatFilterNegotiation(DefaultContentNegotiation):
    """``format`` is a dataset filter (file format) here, not DRF's renderer override."""

    settings = _NoFormatOverride()


class NameCursorPagination(CursorPagination):
    ordering = "name"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class CreatedCursorPagination(NameCursorPagination):
    ordering = "created"


@extend_schema_view(
    list=extend_schema(
        summary="List published datasets",
        description=(
            "Published datasets by name, cursor-paginated (follow `next`). Filters combine with "
            "AND. `spatial` is a GeoJSON geometry."
        ),
    ),
    retrieve=extend_schema(summary="One published dataset by name"),
    create=extend_schema(
        summary="Create a dataset",
        description=(
            "Needs an API token with the scope `catalogue:write`. A dataset created with "
            "`state: published` must meet DCAT-AP.de's requirements (a theme, a distribution "
            "with a licence, a contact point); errors come back as 400 by field."
        ),
        request=serializers.DatasetWriteSerializer,
        responses={
            201: serializers.DatasetSerializer,
            400: OpenApiResponse(description="Invalid fields, by name."),
            401: OpenApiResponse(description="No token, or an invalid, expired or revoked one."),
            403: OpenApiResponse(description="The token lacks the scope catalogue:write."),
        },
    ),
    partial_update=extend_schema(
        summary="Change a dataset (drafts included)",
        description=(
            "Needs an API token with the scope `catalogue:write`. Only the given fields change; "
            "in a given `distributions` list, entries with an `id` update that distribution, "
            "entries without one are added, and distributions left out are removed (as in CKAN)."
        ),
        request=serializers.DatasetWriteSerializer(partial=True),
        responses={
            200: serializers.DatasetSerializer,
            400: OpenApiResponse(description="Invalid fields, by name."),
            401: OpenApiResponse(description="No token, or an invalid, expired or revoked one."),
            403: OpenApiResponse(description="The token lacks the scope catalogue:write."),
            404: OpenApiResponse(description="No such dataset."),
        },
    ),
)
@extend_schema(tags=["Open data: datasets"])
class DatasetViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Datasets of the open-data catalogue (DCAT-AP.de)."""

    serializer_class = serializers.DatasetSerializer
    filterset_class = DatasetFilter
    content_negotiation_class = FormatFilterNegotiation
    filter_backends = [django_filters.DjangoFilterBackend]
    pagination_class = NameCursorPagination
    permission_classes = [TokenScopeOrReadOnly]
    required_scope = ApiToken.Scope.CATALOGUE_WRITE
    lookup_field = "name"
    lookup_value_regex = NAME_PATTERN
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if self.action == "partial_update":
            return selectors.dataset_detail_any_state()
        return selectors.dataset_list_public()

    def _written(self, dataset: Dataset, code: int) -> Response:
        fresh = selectors.dataset_detail_any_state().get(pk=dataset.pk)
        data = serializers.DatasetSerializer(fresh, context=self.get_serializer_context()).data
        return Response(data, status=code)

    def create(self, request: Request, *args, **kwargs) -> Response:
        incoming = serializers.DatasetWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            dataset = services.dataset_create(user=request.user, data=incoming.validated_data)
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict) from None
        return self._written(dataset, status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        dataset = self.get_object()
        incoming = serializers.DatasetWriteSerializer(data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        try:
            dataset = services.dataset_update(
                user=request.user, dataset=dataset, data=incoming.validated_data
            )
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict) from None
        return self._written(dataset, status.HTTP_200_OK)


@extend_schema_view(
    list=extend_schema(summary="List distributions of published datasets"),
    retrieve=extend_schema(summary="One distribution by id"),
)
@extend_schema(tags=["Open data: distributions"])
class DistributionViewSet(viewsets.ReadOnlyModelViewSet):
    """Files and addresses of published datasets (dcat:Distribution)."""

    serializer_class = serializers.DistributionSerializer
    content_negotiation_class = FormatFilterNegotiation
    pagination_class = CreatedCursorPagination
    filter_backends = [django_filters.DjangoFilterBackend]
    filterset_fields = {"format": ["exact"], "licence": ["exact"], "dataset__name": ["exact"]}

    def get_queryset(self):
        return Distribution.objects.filter(dataset__state=Dataset.State.PUBLISHED).select_related(
            "dataset"
        )


@extend_schema_view(
    list=extend_schema(summary="List organisations (publishers)"),
    retrieve=extend_schema(summary="One organisation by name"),
)
@extend_schema(tags=["Open data: organisations"])
class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations that publish datasets (dct:publisher; CKAN: organization)."""

    serializer_class = serializers.PublisherSerializer
    pagination_class = NameCursorPagination
    lookup_field = "name"
    lookup_value_regex = NAME_PATTERN
    queryset = Publisher.objects.all()


@extend_schema_view(
    list=extend_schema(summary="List the EU data themes"),
    retrieve=extend_schema(summary="One theme by code"),
)
@extend_schema(tags=["Open data: themes"])
class ThemeViewSet(viewsets.ReadOnlyModelViewSet):
    """The EU data-theme vocabulary (dcat:theme), with labels in the reader's language."""

    serializer_class = serializers.ThemeSerializer
    pagination_class = None
    lookup_field = "code"
    lookup_value_regex = "[A-Z]{4}"
    queryset = DataTheme.objects.order_by("code")


@extend_schema_view(
    list=extend_schema(summary="List the portal's data services (APIs)"),
    retrieve=extend_schema(summary="One data service by name"),
)
@extend_schema(tags=["Open data: services"])
class DataServiceViewSet(viewsets.ReadOnlyModelViewSet):
    """The portal's APIs as catalogue entries (dcat:DataService)."""

    serializer_class = serializers.DataServiceSerializer
    pagination_class = NameCursorPagination
    lookup_field = "name"
    lookup_value_regex = NAME_PATTERN

    def get_queryset(self):
        published = Dataset.objects.published().only("id", "name").order_by("name")
        return (
            DataService.objects.filter(is_published=True)
            .select_related("publisher")
            .prefetch_related(Prefetch("serves_datasets", queryset=published))
        )
