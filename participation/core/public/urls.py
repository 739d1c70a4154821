"""Participation's shared pages: following contributions and areas (/beteiligung/...)."""

from django.urls import path

from participation.core.public import views

app_name = "participation"

urlpatterns = [
    path("abonnieren/", views.subscribe, name="subscribe"),
    path("melden/", views.flag, name="flag"),
    path("abo/<uuid:token>/bestaetigen/", views.subscription_confirm, name="subscription_confirm"),
    path("abo/<uuid:token>/abbestellen/", views.unsubscribe, name="unsubscribe"),
]
