"""API routers: the portal's REST API (/api/v1/) and Wagtail's page API (/api/v2/).

Later apps register their viewsets on `v1_router`.
"""

from rest_framework.routers import DefaultRouter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from opendata.catalogue.api import views as catalogue_api

v1_router = DefaultRouter()
v1_router.register("datasets", catalogue_api.DatasetViewSet, basename="api-dataset")
v1_router.register("distributions", catalogue_api.DistributionViewSet, basename="api-distribution")
v1_router.register("organisations", catalogue_api.OrganisationViewSet, basename="api-organisation")
v1_router.register("themes", catalogue_api.ThemeViewSet, basename="api-theme")
v1_router.register("services", catalogue_api.DataServiceViewSet, basename="api-service")

wagtail_api_router = WagtailAPIRouter("wagtailapi")
wagtail_api_router.register_endpoint("pages", PagesAPIViewSet)
wagtail_api_router.register_endpoint("images", ImagesAPIViewSet)
wagtail_api_router.register_endpoint("documents", DocumentsAPIViewSet)
