"""Permission matrices: personas by permissions (by object, by moment): allowed or not.

Each app's ``test_permissions.py`` declares one table with ``permission_matrix`` and checks
it with ``assert_matrix``; every table lands in ``MATRICES``, and
``tests/test_permission_matrices.py`` fails when a registered django-rules permission has no
row in its app's table. A row reads::

    row("catalogue.add_dataset", staff=True, admin=True)

Personas not named are expected to be refused. ``obj`` names an object the test passes in
(``objects={"own": publisher}``), ``at`` a moment (``moments={"during": ctx}``, a context
manager such as ``time_machine.travel(...)`` that pins the clock while the cell is asked).
The personas are plain ORM users (``personas_create``), independent of the demo city.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser, Group, Permission

from portal.accounts.models import User
from portal.core.models import Department, DepartmentMembership
from portal.core.rules import MODERATORS_GROUP

# Columns of every table, in this order.
PERSONAS = (
    "anonymous",  # not logged in
    "citizen",  # an account without any role
    "moderator",  # moderates citizens' contributions (MODERATORS_GROUP), no admin rights
    "staff",  # office staff: is_staff, in a group holding the app's working permissions
    "member",  # works for the department (DepartmentMembership), nothing else
    "admin",  # active superuser
    "inactive",  # a deactivated account that holds the staff's permissions
)


@dataclass(frozen=True)
class Row:
    permission: str
    allowed: frozenset[str]
    obj: str | None = None
    at: str | None = None

    def label(self, persona: str) -> str:
        parts = [f"{self.permission} for {persona}"]
        if self.obj is not None:
            parts.append(f"object {self.obj!r}")
        if self.at is not None:
            parts.append(f"at {self.at!r}")
        return ", ".join(parts)


def row(permission: str, *, obj: str | None = None, at: str | None = None, **cells: bool) -> Row:
    allowed = frozenset(persona for persona, value in cells.items() if value)
    return Row(permission=permission, allowed=allowed, obj=obj, at=at)


@dataclass
class Matrix:
    name: str
    app_label: str
    rows: tuple[Row, ...]
    personas: tuple[str, ...] = PERSONAS
    # True when the rows are django-rules permissions (checked for completeness).
    rules: bool = True

    @property
    def permissions(self) -> set[str]:
        return {r.permission for r in self.rows}


MATRICES: dict[str, Matrix] = {}


def permission_matrix(
    app_label: str,
    rows: Iterable[Row],
    *,
    name: str | None = None,
    rules: bool = True,
    personas: tuple[str, ...] = PERSONAS,
) -> Matrix:
    """Declare (and register) a table; ``rules=False`` for tables of other checks (admin
    policies, page permissions), ``personas`` for other columns than the standard ones."""
    rows = tuple(rows)
    for entry in rows:
        unknown = entry.allowed - set(personas)
        if unknown:
            raise ValueError(f"{entry.permission}: unknown personas {sorted(unknown)}")
    matrix = Matrix(
        name=name or app_label, app_label=app_label, rows=rows, personas=personas, rules=rules
    )
    MATRICES[matrix.name] = matrix
    return matrix


Check = Callable[[Any, str, Any], bool]


def has_perm(user: Any, permission: str, obj: Any) -> bool:
    if obj is None:
        return user.has_perm(permission)
    return user.has_perm(permission, obj)


def assert_matrix(
    matrix: Matrix,
    users: Mapping[str, Any],
    *,
    objects: Mapping[str, Any] | None = None,
    moments: Mapping[str, Callable[[], AbstractContextManager[Any]]] | None = None,
    check: Check = has_perm,
) -> None:
    """Ask every cell; fail once, naming every cell that differs from the table."""
    objects = objects or {}
    moments = moments or {}
    wrong: list[str] = []
    for entry in matrix.rows:
        obj = objects[entry.obj] if entry.obj is not None else None
        clock = moments[entry.at] if entry.at is not None else nullcontext
        for persona in matrix.personas:
            user = fresh(users[persona])
            expected = persona in entry.allowed
            with clock():
                actual = bool(check(user, entry.permission, obj))
            if actual != expected:
                wanted = "allowed" if expected else "refused"
                got = "allowed" if actual else "refused"
                wrong.append(f"{entry.label(persona)}: expected {wanted}, got {got}")
    assert not wrong, f"{matrix.name}: {len(wrong)} cell(s) differ:\n  " + "\n  ".join(wrong)


def fresh(user: Any) -> Any:
    """The user without Django's cached permission sets, as a new request would see it."""
    if isinstance(user, AnonymousUser):
        return user
    return User.objects.get(pk=user.pk)


def permissions_named(names: Iterable[str]) -> list[Permission]:
    found = []
    for name in names:
        app_label, codename = name.split(".", 1)
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def _user(key: str, **fields: Any) -> User:
    return User.objects.create_user(
        username=f"matrix-{key}", email=f"matrix-{key}@example.test", password=None, **fields
    )


def personas_create(
    *, staff_permissions: Iterable[str] = (), department: Department | None = None
) -> dict[str, Any]:
    """The seven personas; ``staff`` and ``inactive`` hold ``staff_permissions`` (through a
    group), ``member`` works for ``department`` (a new one when None)."""
    staff_group = Group.objects.create(name="Matrix office staff")
    staff_group.permissions.set(permissions_named(staff_permissions))
    moderators, _created = Group.objects.get_or_create(name=MODERATORS_GROUP)
    department = department or department_create("matrix-office")

    users: dict[str, Any] = {"anonymous": AnonymousUser()}
    users["citizen"] = _user("citizen")
    users["moderator"] = _user("moderator", is_staff=True)
    users["moderator"].groups.add(moderators)
    users["staff"] = _user("staff", is_staff=True)
    users["staff"].groups.add(staff_group)
    users["member"] = _user("member")
    DepartmentMembership.objects.create(user=users["member"], department=department)
    users["admin"] = _user("admin", is_staff=True, is_superuser=True)
    users["inactive"] = _user("inactive", is_staff=True, is_active=False)
    users["inactive"].groups.add(staff_group)
    return users


def department_create(slug: str) -> Department:
    return Department.objects.create(
        slug=slug,
        name=f"Amt {slug}",
        kind=Department.Kind.ADMINISTRATION,
        email=f"{slug}@example.test",
    )
