"""The catalogue's permission matrix, and its admin policies."""

from __future__ import annotations

import pytest

from opendata.catalogue.models import Dataset, DatasetRecordChange, Publisher
from portal.core.permissions import ReadOnlyPermissionPolicy, RulesPermissionPolicy
from tests.permissions import (
    assert_matrix,
    department_create,
    permission_matrix,
    personas_create,
    row,
)

pytestmark = pytest.mark.django_db

CRUD = ("add", "change", "delete", "view")
EDITED = ("dataset", "publisher", "dataservice")
STAFF_PERMISSIONS = [
    *(f"catalogue.{action}_{model}" for model in EDITED for action in CRUD),
    "catalogue.view_datasetrecordchange",
]

MATRIX = permission_matrix(
    "catalogue",
    [
        *(
            row(f"catalogue.{action}_{model}", staff=True, admin=True)
            for model in EDITED
            for action in CRUD
        ),
        row("catalogue.view_datasetrecordchange", staff=True, admin=True),
        # Acting for a publisher: the people of its department (and superusers).
        row("catalogue.represent_publisher", obj="own", member=True, admin=True),
        row("catalogue.represent_publisher", obj="other", admin=True),
        row("catalogue.represent_publisher", obj="without department", admin=True),
    ],
)

POLICY_MATRIX = permission_matrix(
    "catalogue",
    [
        *(row(action, staff=True, admin=True) for action in CRUD),
        # The history: looked at, never written by hand, not even by a superuser.
        row("view", obj="history", staff=True, admin=True),
        *(row(action, obj="history") for action in ("add", "change", "delete")),
    ],
    name="catalogue admin policies",
    rules=False,
)


@pytest.fixture
def matrix_users():
    office = department_create("matrix-catalogue")
    users = personas_create(staff_permissions=STAFF_PERMISSIONS, department=office)
    return users, office


def _publisher(name: str, department) -> Publisher:
    return Publisher.objects.create(
        name=name, title=name, email=f"{name}@example.test", department=department
    )


def test_catalogue_permissions_follow_the_matrix(matrix_users):
    users, office = matrix_users
    objects = {
        "own": _publisher("matrix-own", office),
        "other": _publisher("matrix-other", department_create("matrix-elsewhere")),
        "without department": _publisher("matrix-none", None),
    }
    assert_matrix(MATRIX, users, objects=objects)


def test_admin_policies_follow_the_matrix(matrix_users):
    users, _office = matrix_users
    policies = {
        None: RulesPermissionPolicy(Publisher),
        "history": ReadOnlyPermissionPolicy(DatasetRecordChange),
    }

    def policy_allows(user, action, obj):
        return policies[obj].user_has_permission(user, action)

    objects = {"history": "history"}
    assert_matrix(POLICY_MATRIX, users, objects=objects, check=policy_allows)


def test_the_publisher_of_a_dataset_is_asked_for_its_department(matrix_users):
    users, office = matrix_users
    publisher = _publisher("matrix-datasets", office)
    dataset = Dataset(name="matrix-set", title="Set", publisher=publisher)
    assert users["member"].has_perm("catalogue.represent_publisher", dataset)
    assert not users["staff"].has_perm("catalogue.represent_publisher", dataset)
