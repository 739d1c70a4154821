from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DatastoreConfig(AppConfig):
    name = "opendata.datastore"
    label = "datastore"
    verbose_name = _("Tabular data store")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from opendata.datastore import signals
        from opendata.datastore.models import DatastoreTable

        post_save.connect(
            signals.distribution_saved,
            sender="catalogue.Distribution",
            dispatch_uid="datastore_distribution_saved",
        )
        post_delete.connect(
            signals.datastore_table_deleted,
            sender=DatastoreTable,
            dispatch_uid="datastore_table_deleted",
        )
