"""Catalogue addresses outside the language prefix: exports and the dataset URI."""

from django.urls import path, re_path

from opendata.catalogue.public import downloads, views

urlpatterns = [
    path("catalog.csv", downloads.catalog_csv, name="catalogue-export-csv"),
    path("catalog.jsonl", downloads.catalog_jsonl, name="catalogue-export-jsonl"),
    # Uploaded files, at CKAN's address shape; the file name last for tools that keep it.
    path(
        "dataset/<slug:name>/resource/<uuid:distribution_id>/download/<str:filename>",
        downloads.distribution_download,
        name="catalogue-resource-download",
    ),
    # The DCAT URI of a dataset; /dataset/<name>.ttl and friends come before this pattern.
    re_path(r"^dataset/(?P<name>[-a-z0-9_]+)$", views.dataset_uri, name="catalogue-dataset-uri"),
]
