from django.urls import path

from opendata.sensors.ingestion import http

urlpatterns = [
    path(
        "api/v1/ingest/observations",
        http.ObservationsIngestApi.as_view(),
        name="sensors-ingest-observations",
    ),
    path(
        "api/v1/ingest/lorawan/tts",
        http.LorawanUplinkTtsApi.as_view(),
        name="sensors-ingest-lorawan-tts",
    ),
]
