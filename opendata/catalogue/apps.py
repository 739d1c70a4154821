from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    """No signal receivers: history, search words and consumers' hooks run from the services."""

    name = "opendata.catalogue"
    label = "catalogue"
    verbose_name = _("Open-data catalogue")
