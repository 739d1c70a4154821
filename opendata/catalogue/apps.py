from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "opendata.catalogue"
    label = "catalogue"
    verbose_name = _("Open-data catalogue")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save, pre_delete
        from taggit.models import Tag

        from opendata.catalogue import history
        from opendata.catalogue.models import Dataset, DatasetKeyword, Distribution, Publisher

        post_save.connect(history.distribution_changed, sender=Distribution)
        post_delete.connect(history.distribution_changed, sender=Distribution)
        pre_delete.connect(history.dataset_deleting, sender=Dataset)
        post_save.connect(history.publisher_changed, sender=Publisher)
        post_save.connect(history.tag_changed, sender=Tag)
        post_delete.connect(history.keyword_removed, sender=DatasetKeyword)
        post_delete.connect(history.dataset_deleted, sender=Dataset)
