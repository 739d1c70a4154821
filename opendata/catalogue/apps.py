from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "opendata.catalogue"
    label = "catalogue"
    verbose_name = _("Open-data catalogue")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save, pre_delete

        from opendata.catalogue import history
        from opendata.catalogue.models import Dataset, Distribution

        post_save.connect(history.distribution_changed, sender=Distribution)
        post_delete.connect(history.distribution_changed, sender=Distribution)
        pre_delete.connect(history.dataset_deleting, sender=Dataset)
        post_delete.connect(history.dataset_deleted, sender=Dataset)
