"""Every registered django-rules permission has a row in its app's permission matrix.

The matrices live in the apps' ``test_permissions*.py`` files (see tests/permissions.py);
this test imports all of them, so a new app's table is found without being listed here.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
import rules
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from tests.permissions import MATRICES, assert_matrix, permission_matrix, row

TESTS = Path(__file__).resolve().parent


def matrix_modules() -> list[str]:
    return sorted(
        ".".join(("tests", *path.relative_to(TESTS).with_suffix("").parts))
        for path in TESTS.rglob("test_permissions*.py")
    )


def registered_rules_by_app() -> dict[str, set[str]]:
    by_app: dict[str, set[str]] = {}
    for name in rules.permissions.permissions:
        app_label, _dot, _codename = name.partition(".")
        by_app.setdefault(app_label, set()).add(name)
    return by_app


def test_every_rules_permission_has_a_row_in_its_apps_matrix():
    for module in matrix_modules():
        importlib.import_module(module)
    covered: dict[str, set[str]] = {}
    for matrix in MATRICES.values():
        if matrix.rules:
            covered.setdefault(matrix.app_label, set()).update(matrix.permissions)
    missing = {
        app_label: sorted(names - covered.get(app_label, set()))
        for app_label, names in registered_rules_by_app().items()
        if names - covered.get(app_label, set())
    }
    assert not missing, f"rules permissions without a row in their app's matrix: {missing}"
    unknown = {
        app_label: sorted(names - set(rules.permissions.permissions))
        for app_label, names in covered.items()
        if names - set(rules.permissions.permissions)
    }
    assert not unknown, f"matrix rows for permissions that no rules.py registers: {unknown}"


def test_every_app_with_a_rules_module_has_a_matrix():
    assert {"catalogue", "datastore", "harvest", "sensors", "cms", "core", "accounts"} <= set(
        registered_rules_by_app()
    )


def test_a_wrong_cell_is_named_in_the_failure():
    matrix = permission_matrix(
        "selftest", [row("selftest.view_thing", citizen=True)], name="self-test", rules=False
    )
    MATRICES.pop("self-test")
    users = {persona: AnonymousUser() for persona in matrix.personas}
    with pytest.raises(AssertionError) as failure:
        assert_matrix(matrix, users, check=lambda user, name, obj: False)
    assert "selftest.view_thing for citizen: expected allowed, got refused" in str(failure.value)


def test_a_cell_is_asked_at_its_moment():
    """Phase rules (coming with participation) are tabled per moment with ``at``."""

    @rules.predicate
    def in_2030(user) -> bool:
        return timezone.now().year == 2030

    matrix = permission_matrix(
        "selftest",
        [
            row("selftest.vote", at="before", admin=True),
            row("selftest.vote", at="during", **dict.fromkeys(("anonymous", "citizen"), True)),
        ],
        name="self-test moments",
        rules=False,
    )
    MATRICES.pop("self-test moments")
    users = {persona: AnonymousUser() for persona in matrix.personas}
    moments = {
        "before": lambda: time_machine.travel("2029-06-01T12:00:00Z", tick=False),
        "during": lambda: time_machine.travel("2030-06-01T12:00:00Z", tick=False),
    }
    with pytest.raises(AssertionError) as failure:
        assert_matrix(
            matrix, users, moments=moments, check=lambda user, name, obj: in_2030.test(user)
        )
    message = str(failure.value)
    assert "selftest.vote for admin, at 'before': expected allowed, got refused" in message
    assert "selftest.vote for citizen, at 'during'" not in message
    assert "selftest.vote for moderator, at 'during': expected refused, got allowed" in message
