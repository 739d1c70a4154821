from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DatastoreConfig(AppConfig):
    name = "opendata.datastore"
    label = "datastore"
    verbose_name = _("Tabular data store")

    def ready(self) -> None:
        # Imported here: models and services need the app registry ready.
        from django.db.models.signals import post_delete

        from opendata.catalogue import services as catalogue_services
        from opendata.catalogue.ckan import registry as ckan_registry
        from opendata.datastore import services, signals
        from opendata.datastore.models import DatastoreTable

        # The catalogue knows nothing of the data store: it calls what is registered here.
        catalogue_services.register_distribution_saved_hook(services.distribution_saved)
        ckan_registry.register_action_module("opendata.datastore.ckan_actions")
        post_delete.connect(
            signals.datastore_table_deleted,
            sender=DatastoreTable,
            dispatch_uid="datastore_table_deleted",
        )
