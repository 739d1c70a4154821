"""Predicates every app shares, and the rules of the core's own models.

Each app declares its permissions in its own ``rules.py`` as django-rules rules named
``<app_label>.<verb>_<model>``; views, APIs and the admin only ever ask ``user.has_perm(...)``.
Rules that stand for today's group-based model permissions delegate to them with
``model_permission``: rules only ever *grant* (Django asks every backend and allows if one
allows), so a rule that adds nothing to the model permission changes no behaviour.
"""

from __future__ import annotations

from typing import Any

import rules
from django.contrib.auth.backends import ModelBackend

from portal.core.models import DepartmentMembership

# The group of staff who moderate citizens' contributions (defects, ideas, comments).
MODERATORS_GROUP = "Participation moderators"

# Asked directly: a rule that asked user.has_perm() for its own name would recurse.
_model_backend = ModelBackend()


@rules.predicate
def is_active_user(user: Any) -> bool:
    """Logged in with an account that is not deactivated."""
    return bool(getattr(user, "is_authenticated", False)) and bool(user.is_active)


@rules.predicate
def is_staff_user(user: Any) -> bool:
    return bool(is_active_user(user) and user.is_staff)


@rules.predicate
def is_active_superuser(user: Any) -> bool:
    return bool(is_active_user(user) and user.is_superuser)


@rules.predicate
def is_moderator(user: Any) -> bool:
    return bool(is_active_user(user) and user.groups.filter(name=MODERATORS_GROUP).exists())


@rules.predicate
def is_any_department_member(user: Any) -> bool:
    """Works for at least one office or municipal company."""
    return bool(is_active_user(user) and DepartmentMembership.objects.filter(user=user).exists())


def department_of(obj: Any) -> Any:
    """The department an object belongs to: itself, or its ``department`` attribute."""
    if obj is None:
        return None
    if getattr(obj, "_meta", None) is not None and obj._meta.label_lower == "core.department":
        return obj
    return getattr(obj, "department", None)


@rules.predicate
def is_department_member(user: Any, obj: Any) -> bool:
    """Works for the department of ``obj`` (a Department, or anything with a department)."""
    department = department_of(obj)
    if department is None or not is_active_user(user):
        return False
    return DepartmentMembership.objects.filter(user=user, department=department).exists()


@rules.predicate
def is_department_lead(user: Any, obj: Any) -> bool:
    department = department_of(obj)
    if department is None or not is_active_user(user):
        return False
    return DepartmentMembership.objects.filter(
        user=user, department=department, role=DepartmentMembership.Role.LEAD
    ).exists()


def model_permission(name: str) -> rules.Predicate:
    """A predicate true when the user holds the Django model permission ``name``.

    Through groups or directly; active superusers hold every permission. Checked with the
    model backend itself (cached per user object), never through ``has_perm``.
    """

    def holds(user: Any) -> bool:
        return bool(is_active_user(user) and name in _model_backend.get_all_permissions(user))

    return rules.predicate(holds, name=f"model_permission:{name}")


def add_model_perms(app_label: str, model_name: str, actions: tuple[str, ...]) -> None:
    """``<app_label>.<action>_<model_name>`` for each action, as the model permission."""
    for action in actions:
        name = f"{app_label}.{action}_{model_name}"
        rules.add_perm(name, model_permission(name))


CRUD = ("add", "change", "delete", "view")

add_model_perms("core", "department", CRUD)
add_model_perms("core", "departmentmembership", CRUD)
