from django.urls import re_path

from opendata.catalogue import views

urlpatterns = [
    re_path(r"^catalog\.(?P<extension>ttl|rdf|jsonld)$", views.catalog, name="dcat-catalog"),
    re_path(
        r"^dataset/(?P<name>[-a-z0-9_]+)\.(?P<extension>ttl|rdf|jsonld)$",
        views.dataset,
        name="dcat-dataset",
    ),
]
