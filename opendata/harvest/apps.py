from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HarvestConfig(AppConfig):
    name = "opendata.harvest"
    label = "harvest"
    verbose_name = _("Harvesting and import")

    def ready(self) -> None:
        from opendata.harvest.dcat import json_ld_context_fetching_refuse

        json_ld_context_fetching_refuse()
