"""The defect reporter's pages (under the language prefix: /maengelmelder/, /en/defects/)."""

from django.urls import path

from participation.defects.public import views

app_name = "defects"

urlpatterns = [
    path("<int:pk>/", views.report_detail, name="report"),
    path("bestaetigen/<str:token>/", views.report_confirm, name="confirm"),
    path("rueckmeldung/<str:token>/<str:answer>/", views.report_feedback, name="feedback"),
    path("abbestellen/<str:token>/", views.report_unsubscribe, name="unsubscribe"),
]
