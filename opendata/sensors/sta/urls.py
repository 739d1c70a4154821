from django.urls import re_path

from opendata.sensors.sta import views

urlpatterns = [
    re_path(r"^sta/v1\.1(?:/(?P<path>.*))?$", views.sta_resource, name="sta"),
]
