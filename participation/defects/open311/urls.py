"""Open311 GeoReport v2 at /open311/ (outside the language prefix, as clients expect)."""

from django.urls import path, re_path

from participation.defects.open311 import views

app_name = "open311"

FMT = r"\.(?P<fmt>[A-Za-z0-9]{1,10})"

urlpatterns = [
    path("v2/", views.not_found, name="root"),
    re_path(rf"^discovery{FMT}$", views.discovery, name="discovery"),
    re_path(rf"^v2/services{FMT}$", views.services_list, name="services"),
    re_path(rf"^v2/services/(?P<code>[^/]+){FMT}$", views.service_definition, name="service"),
    re_path(rf"^v2/requests{FMT}$", views.requests_endpoint, name="requests"),
    re_path(rf"^v2/requests/(?P<pk>[^/]+){FMT}$", views.request_detail, name="request"),
    re_path(rf"^v2/tokens/(?P<token>[^/]+){FMT}$", views.token_detail, name="token"),
    re_path(rf"^v2/servicerequestupdates{FMT}$", views.updates_endpoint, name="updates"),
    re_path(r"^(?P<rest>.*)$", views.not_found),
]
