"""The demo personas: citizen, moderator, editor, reviewer, admin."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from portal.accounts.models import User
from portal.core.demo import DemoCity, demo_data_load, demo_password
from portal.core.models import DepartmentMembership

# The groups that demo_data/personas.yaml puts the personas in, beside the participation
# moderators (portal.core.rules.MODERATORS_GROUP).
EDITORS_GROUP = "Editors"  # Wagtail's group: drafts pages and submits them for approval
REVIEWERS_GROUP = "Moderators"  # Wagtail's group: approves and publishes pages


class Persona(NamedTuple):
    """One persona of demo_data/personas.yaml; a tuple, so that `key, email, *_ = persona` works."""

    key: str
    email: str
    public_name: str
    first_name: str
    last_name: str
    groups: list[str]
    is_superuser: bool


PERSONAS: list[Persona] = [
    Persona(**item)
    for item in demo_data_load(Path(__file__).parent / "demo_data" / "personas.yaml")
]


# Who works for which department: (persona key, department slug, role).
MEMBERSHIPS = [
    ("moderator", "ordnungsamt", DepartmentMembership.Role.MEMBER),
    ("editor", "smart-city", DepartmentMembership.Role.MEMBER),
    ("reviewer", "smart-city", DepartmentMembership.Role.LEAD),
]


def seed(city: DemoCity) -> None:
    password = demo_password()
    for key, email, public_name, first, last, groups, superuser in PERSONAS:
        user, created = User.objects.get_or_create(
            username=key,
            defaults={"email": email, "first_name": first, "last_name": last},
        )
        user.email = email
        user.display_name = public_name
        user.is_staff = superuser or bool(groups)
        user.is_superuser = superuser
        if created:
            user.set_password(password)
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        for name in groups:
            group, _ = Group.objects.get_or_create(name=name)
            user.groups.add(group)
        city.users[key] = user
        city.logins.append((key, email, password if created else "(unchanged)"))
    city.log(f"{len(PERSONAS)} personas")
    memberships_ensure(city)


def memberships_ensure(city: DemoCity) -> None:
    """The staff personas' departments; a role an administrator changed stays changed."""
    for key, slug, role in MEMBERSHIPS:
        department = city.departments.get(slug)
        if department is None or key not in city.users:
            continue
        DepartmentMembership.objects.get_or_create(
            user=city.users[key], department=department, defaults={"role": role}
        )
