"""The defect reporter's pages (under the language prefix: /maengelmelder/, /en/defects/)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from participation.defects.public import browse, feeds, statistics, views

app_name = "defects"

urlpatterns = [
    path(_("report/"), views.report_new, name="report_new"),
    path(_("report/thanks/"), views.report_thanks, name="report_thanks"),
    path("<int:pk>/", views.report_detail, name="report"),
    path(_("<int:pk>/support/"), views.report_support, name="support"),
    path("bestaetigen/<str:token>/", views.report_confirm, name="confirm"),
    path("rueckmeldung/<str:token>/<str:answer>/", views.report_feedback, name="feedback"),
    path("abbestellen/<str:token>/", views.report_unsubscribe, name="unsubscribe"),
]

# --- browsing: overview with map, GeoJSON, Atom feeds, statistics ---------------------------
urlpatterns += [
    path("", browse.report_list, name="list"),
    path("meldungen.geojson", browse.report_geojson, name="geojson"),
    path("feed/", feeds.ReportFeed(), name="feed"),
    path("feed/kategorie/<str:service_code>/", feeds.CategoryReportFeed(), name="feed-category"),
    path("feed/stadtteil/<slug:slug>/", feeds.DistrictReportFeed(), name="feed-district"),
    path("statistik/", statistics.report_statistics, name="statistics"),
    path("statistik/<str:month>.csv", statistics.report_statistics_csv, name="statistics_csv"),
]
