from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DefectsConfig(AppConfig):
    name = "participation.defects"
    label = "defects"
    verbose_name = _("Defect reporter")

    def ready(self) -> None:
        # Imported once the app registry is ready (the modules import models).
        from opendata.sensors.services import alert_listener_register
        from participation.defects.handling.services import sensor_alert_heard

        # Sensor alerts (a bin full, a sensor gone silent) open internal reports.
        alert_listener_register(sensor_alert_heard)
