from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DatastoreConfig(AppConfig):
    name = "opendata.datastore"
    label = "datastore"
    verbose_name = _("Tabular data store")
