from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SensorsConfig(AppConfig):
    name = "opendata.sensors"
    label = "sensors"
    verbose_name = _("Sensor data")

    def ready(self) -> None:
        # Imported once the app registry is ready (the module imports models).
        from opendata.sensors.catalogue import provenance

        # The catalogue's DCAT output takes a sensor dataset's provenance from its releases.
        provenance.register()
