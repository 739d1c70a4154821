from django.urls import path

from opendata.datastore import views

urlpatterns = [
    # CKAN's path, without trailing slash.
    path("datastore/dump/<str:resource_id>", views.dump, name="datastore-dump"),
]
