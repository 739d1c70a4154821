"""Harvesting's permission matrix: dataset editors harvest and import; jobs are read-only."""

from __future__ import annotations

import pytest

from opendata.harvest.models import HarvestJob
from portal.core.permissions import RulesPermissionPolicy
from tests.permissions import assert_matrix, permission_matrix, personas_create, row

pytestmark = pytest.mark.django_db

MATRIX = permission_matrix(
    "harvest",
    [
        row("harvest.run_harvestsource", staff=True, admin=True),
        row("harvest.import_dataset", staff=True, admin=True),
        *(
            row(f"harvest.{action}_harvestsource", staff=True, admin=True)
            for action in ("add", "change", "delete", "view")
        ),
        row("harvest.view_harvestjob", staff=True, admin=True),
        # Deleting a job record needs its own model permission.
        row("harvest.delete_harvestjob", admin=True),
    ],
)

JOB_POLICY_MATRIX = permission_matrix(
    "harvest",
    [
        row("view", staff=True, admin=True),
        row("delete", admin=True),
        row("add"),
        row("change"),
    ],
    name="harvest job admin policy",
    rules=False,
)


@pytest.fixture
def matrix_users():
    return personas_create(staff_permissions=["catalogue.add_dataset", "catalogue.change_dataset"])


def test_harvest_permissions_follow_the_matrix(matrix_users):
    assert_matrix(MATRIX, matrix_users)


def test_one_of_the_two_dataset_permissions_is_not_enough():
    users = personas_create(staff_permissions=["catalogue.change_dataset"])
    assert not users["staff"].has_perm("harvest.run_harvestsource")
    assert not users["staff"].has_perm("harvest.import_dataset")


def test_jobs_are_looked_at_and_deleted_never_written(matrix_users):
    policy = RulesPermissionPolicy(HarvestJob, actions=("view", "delete"))
    assert_matrix(
        JOB_POLICY_MATRIX,
        matrix_users,
        check=lambda user, action, obj: policy.user_has_permission(user, action),
    )
