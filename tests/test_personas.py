"""Personas built from factories: roles by group and flag, independent of the demo city."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress

from tests.factories.accounts import ROLE_GROUPS

pytestmark = pytest.mark.django_db


def test_citizen_is_no_staff_and_in_no_group(persona_citizen):
    assert not persona_citizen.is_staff and not persona_citizen.is_superuser
    assert not persona_citizen.groups.exists()


@pytest.mark.parametrize("role", ["moderator", "editor", "reviewer"])
def test_group_roles_are_staff_in_their_groups(make_persona, role):
    user = make_persona(role)
    assert user.is_staff and not user.is_superuser
    assert set(user.groups.values_list("name", flat=True)) == set(ROLE_GROUPS[role])


def test_wagtail_roles_get_wagtails_page_groups_with_their_permissions(persona_editor):
    # The groups come from Wagtail's migrations, not from the demo city.
    assert persona_editor.has_perm("wagtailadmin.access_admin")


def test_staff_and_admin(persona_staff, persona_admin):
    assert persona_staff.is_staff and not persona_staff.is_superuser
    assert not persona_staff.groups.exists()
    assert persona_admin.is_superuser and persona_admin.has_perm("catalogue.delete_dataset")


def test_personas_are_new_users_with_a_verified_address(make_persona):
    first, second = make_persona("citizen"), make_persona("citizen")
    assert first.pk != second.pk and first.email != second.email
    assert EmailAddress.objects.filter(user=first, email=first.email, verified=True).exists()
    assert first.check_password("factory-password")


def test_personas_take_extra_permissions_and_fields(make_persona):
    user = make_persona("staff", permissions=["catalogue.add_dataset"], display_name="Amt 61")
    assert user.has_perm("catalogue.add_dataset")
    assert not user.has_perm("catalogue.delete_dataset")
    assert user.display_name == "Amt 61"


def test_an_unknown_role_is_refused(make_persona):
    with pytest.raises(ValueError, match="unknown role 'mayor'"):
        make_persona("mayor")


def test_personas_log_in(client, persona_citizen):
    client.force_login(persona_citizen)
    assert client.get("/accounts/email/").status_code == 200
