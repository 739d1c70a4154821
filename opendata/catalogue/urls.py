from django.urls import re_path

from opendata.catalogue import views
from opendata.catalogue.ckan import views as ckan_views

urlpatterns = [
    # CKAN's Action API at both of CKAN's paths, without trailing slash and without redirects.
    re_path(r"^api/3/action/(?P<name>[a-z_]+)$", ckan_views.action, name="ckan-action"),
    re_path(r"^api/action/(?P<name>[a-z_]+)$", ckan_views.action, name="ckan-action-legacy"),
    re_path(r"^catalog\.(?P<extension>ttl|rdf|jsonld)$", views.catalog, name="dcat-catalog"),
    re_path(
        r"^dataset/(?P<name>[-a-z0-9_]+)\.(?P<extension>ttl|rdf|jsonld)$",
        views.dataset,
        name="dcat-dataset",
    ),
]
