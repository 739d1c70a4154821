from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal.core.ratelimit import register_client_identifier


class SensorsConfig(AppConfig):
    name = "opendata.sensors"
    label = "sensors"
    verbose_name = _("Sensor data")

    def ready(self) -> None:
        # Imported once the app registry is ready (the module imports models).
        from opendata.sensors.catalogue import provenance
        from opendata.sensors.publication import release_listener_register
        from opendata.sensors.sta import mqtt
        from opendata.sensors.tokens import device_client_identity

        # The catalogue's DCAT output takes a sensor dataset's provenance from its releases.
        provenance.register()
        # New releases are announced on SensorThings' MQTT topics.
        release_listener_register(mqtt.release_announce_on_commit)
        # Each device is rate-limited on its own budget, never on its address's.
        register_client_identifier(device_client_identity, rate_setting="API_RATE_LIMIT_DEVICE")
