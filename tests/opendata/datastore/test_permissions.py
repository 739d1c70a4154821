"""The data store's permission matrix: tables are looked at by dataset staff, never edited."""

from __future__ import annotations

import pytest

from opendata.datastore.models import DatastoreTable
from portal.core.permissions import ReadOnlyPermissionPolicy
from tests.permissions import assert_matrix, permission_matrix, personas_create, row

pytestmark = pytest.mark.django_db

MATRIX = permission_matrix(
    "datastore",
    [row("datastore.view_datastoretable", staff=True, admin=True)],
)

POLICY_MATRIX = permission_matrix(
    "datastore",
    [
        row("view", staff=True, admin=True),
        row("add"),
        row("change"),
        row("delete"),
    ],
    name="datastore admin policy",
    rules=False,
)


@pytest.mark.parametrize(
    "catalogue_permission",
    [
        "catalogue.add_dataset",
        "catalogue.change_dataset",
        "catalogue.delete_dataset",
        "catalogue.view_dataset",
    ],
)
def test_any_dataset_permission_lets_staff_see_the_tables(catalogue_permission):
    users = personas_create(staff_permissions=[catalogue_permission])
    assert_matrix(MATRIX, users)


def test_the_admin_policy_allows_viewing_only():
    users = personas_create(staff_permissions=["catalogue.change_dataset"])
    policy = ReadOnlyPermissionPolicy(DatastoreTable)
    assert_matrix(
        POLICY_MATRIX,
        users,
        check=lambda user, action, obj: policy.user_has_permission(user, action),
    )
    viewers = set(policy.users_with_any_permission(["view"]))
    assert {users["staff"], users["admin"]} <= viewers
    assert not viewers & {users[key] for key in ("citizen", "moderator", "member", "inactive")}
    assert not policy.users_with_any_permission(["change"]).exists()
