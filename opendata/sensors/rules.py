"""Who may edit the sensor registry: staff whose groups hold the model permissions.

``sensors.change_device`` also guards replacing and revoking a device's token.
Raw readings, releases and published observations have no admin and no rules.
"""

from __future__ import annotations

from portal.core.rules import CRUD, add_model_perms

REGISTRY_MODELS = (
    "thing",
    "location",
    "sensor",
    "observedproperty",
    "featureofinterest",
    "datastream",
    "device",
)

for model_name in REGISTRY_MODELS:
    add_model_perms("sensors", model_name, CRUD)
