"""Accounts' permission matrix: who may hold API tokens (and so see the admin's token page)."""

from __future__ import annotations

import pytest

from tests.permissions import assert_matrix, permission_matrix, personas_create, row

pytestmark = pytest.mark.django_db

MATRIX = permission_matrix(
    "accounts",
    [row("accounts.hold_apitoken", staff=True, admin=True)],
)


@pytest.mark.parametrize(
    "permissions",
    [
        ["catalogue.add_dataset", "catalogue.change_dataset"],  # catalogue:write
        ["catalogue.change_dataset"],  # datastore:write
        ["sensors.change_device"],  # sensors:lorawan
    ],
)
def test_any_token_scope_lets_staff_hold_tokens(permissions):
    assert_matrix(MATRIX, personas_create(staff_permissions=permissions))


def test_without_a_scope_nobody_but_the_superuser_holds_tokens():
    users = personas_create(staff_permissions=["catalogue.view_dataset"])
    assert not users["staff"].has_perm("accounts.hold_apitoken")
    assert users["admin"].has_perm("accounts.hold_apitoken")
