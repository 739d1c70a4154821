"""The core's permission matrix and its shared predicates (departments, moderators)."""

from __future__ import annotations

import pytest

from portal.core import rules as core_rules
from portal.core.models import DepartmentMembership
from tests.permissions import (
    PERSONAS,
    assert_matrix,
    department_create,
    permission_matrix,
    personas_create,
    row,
)

pytestmark = pytest.mark.django_db

CRUD = ("add", "change", "delete", "view")

MATRIX = permission_matrix(
    "core",
    [
        row(f"core.{action}_{model}", staff=True, admin=True)
        for model in ("department", "departmentmembership")
        for action in CRUD
    ],
)

# The shared predicates, as a table of their own (a predicate is asked like a rule).
PREDICATES = {
    "is_active_user": core_rules.is_active_user,
    "is_staff_user": core_rules.is_staff_user,
    "is_active_superuser": core_rules.is_active_superuser,
    "is_moderator": core_rules.is_moderator,
    "is_any_department_member": core_rules.is_any_department_member,
    "is_department_member": core_rules.is_department_member,
    "is_department_lead": core_rules.is_department_lead,
}
ACTIVE = {persona: True for persona in PERSONAS if persona not in {"anonymous", "inactive"}}
PREDICATE_MATRIX = permission_matrix(
    "core",
    [
        row("is_active_user", **ACTIVE),
        row("is_staff_user", moderator=True, staff=True, admin=True),
        row("is_active_superuser", admin=True),
        row("is_moderator", moderator=True),
        row("is_any_department_member", member=True),
        row("is_department_member", obj="own department", member=True),
        row("is_department_member", obj="own department's object", member=True),
        row("is_department_member", obj="other department"),
        row("is_department_member", obj="nothing"),
        row("is_department_lead", obj="own department"),
    ],
    name="core predicates",
    rules=False,
)


@pytest.fixture
def office():
    return department_create("matrix-core")


def test_core_permissions_follow_the_matrix(office):
    users = personas_create(
        staff_permissions=[
            f"core.{action}_{model}"
            for model in ("department", "departmentmembership")
            for action in CRUD
        ],
        department=office,
    )
    assert_matrix(MATRIX, users)


def test_shared_predicates_follow_the_matrix(office):
    users = personas_create(department=office)

    class Thing:
        department = office

    objects = {
        "own department": office,
        "own department's object": Thing(),
        "other department": department_create("matrix-core-other"),
        "nothing": None,
    }
    assert_matrix(
        PREDICATE_MATRIX,
        users,
        objects=objects,
        check=lambda user, name, obj: PREDICATES[name].test(user, obj),
    )


def test_a_lead_is_a_member_too(office):
    users = personas_create(department=office)
    DepartmentMembership.objects.filter(user=users["member"]).update(
        role=DepartmentMembership.Role.LEAD
    )
    assert core_rules.is_department_lead.test(users["member"], office)
    assert core_rules.is_department_member.test(users["member"], office)
