from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SensorsConfig(AppConfig):
    name = "opendata.sensors"
    label = "sensors"
    verbose_name = _("Sensor data")

    def ready(self) -> None:
        # Connects the receiver that announces new releases on SensorThings' MQTT topics.
        from opendata.sensors.sta import mqtt  # noqa: F401
