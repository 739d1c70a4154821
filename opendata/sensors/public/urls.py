"""Sensor pages inside the language prefix: /sensoren/ (German) and /en/sensors/ (English)."""

from django.urls import path

from opendata.sensors.public import views

urlpatterns = [
    path("", views.sensor_map, name="sensors-map"),
    path("map.geojson", views.sensor_map_geojson, name="sensors-map-geojson"),
    path("<int:datastream_id>/", views.datastream_detail, name="sensors-datastream"),
    path(
        "<int:datastream_id>/download.csv",
        views.datastream_download,
        {"file_format": "csv"},
        name="sensors-datastream-csv",
    ),
    path(
        "<int:datastream_id>/download.json",
        views.datastream_download,
        {"file_format": "json"},
        name="sensors-datastream-json",
    ),
]
