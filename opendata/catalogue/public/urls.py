"""Catalogue pages inside the language prefix: /daten/ (German) and /en/data/ (English)."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from opendata.catalogue.public import downloads, history, views

dataset_patterns = [
    path("", views.dataset_detail, name="catalogue-dataset"),
    path(_("history/"), history.dataset_history, name="catalogue-dataset-history"),
    path(
        "download/<uuid:distribution_id>/",
        downloads.distribution_download,
        name="catalogue-download",
    ),
]

urlpatterns = [
    path("", views.catalogue_search, name="catalogue-search"),
    path("<slug:name>/", include(dataset_patterns)),
]
