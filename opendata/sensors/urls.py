from django.urls import path

from opendata.sensors import views

urlpatterns = [
    path(
        "api/v1/ingest/observations",
        views.ObservationsIngestApi.as_view(),
        name="sensors-ingest-observations",
    ),
    path(
        "api/v1/ingest/lorawan/tts",
        views.LorawanUplinkTtsApi.as_view(),
        name="sensors-ingest-lorawan-tts",
    ),
]
