"""The sensor registry's permission matrix: staff with the model permissions edit it."""

from __future__ import annotations

import pytest

from tests.permissions import assert_matrix, permission_matrix, personas_create, row

pytestmark = pytest.mark.django_db

CRUD = ("add", "change", "delete", "view")
REGISTRY_MODELS = (
    "thing",
    "location",
    "sensor",
    "observedproperty",
    "featureofinterest",
    "datastream",
    "device",
)

MATRIX = permission_matrix(
    "sensors",
    [
        row(f"sensors.{action}_{model}", staff=True, admin=True)
        for model in REGISTRY_MODELS
        for action in CRUD
    ],
)


def test_sensor_registry_permissions_follow_the_matrix():
    users = personas_create(
        staff_permissions=[f"sensors.{a}_{m}" for m in REGISTRY_MODELS for a in CRUD]
    )
    assert_matrix(MATRIX, users)


def test_device_tokens_need_the_change_permission():
    users = personas_create(staff_permissions=["sensors.view_device"])
    assert users["staff"].has_perm("sensors.view_device")
    assert not users["staff"].has_perm("sensors.change_device")
