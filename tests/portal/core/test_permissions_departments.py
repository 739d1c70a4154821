"""Departments and memberships in the Wagtail admin, behind the core's rules; the rate
limiter's client registry filled by the accounts app."""

from __future__ import annotations

import pytest
from django.urls import reverse

from portal.accounts.tokens import api_token_client_identity
from portal.core import ratelimit
from portal.core.models import DepartmentMembership
from tests.permissions import department_create, personas_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def users():
    return personas_create(
        staff_permissions=["wagtailadmin.access_admin", "core.view_department"],
        department=department_create("matrix-admin"),
    )


def test_superusers_manage_departments_and_memberships(client, users):
    client.force_login(users["admin"])
    membership = DepartmentMembership.objects.get(user=users["member"])
    for url in (
        reverse("core_departments:index"),
        reverse("core_departments:add"),
        reverse("core_departments:edit", args=[membership.department_id]),
        reverse("core_memberships:index"),
        reverse("core_memberships:add"),
        reverse("core_memberships:edit", args=[membership.pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_staff_with_view_rights_only_look(client, users):
    client.force_login(users["staff"])
    department_id = DepartmentMembership.objects.get(user=users["member"]).department_id
    assert client.get(reverse("core_departments:index")).status_code == 200
    assert client.get(reverse("core_departments:add")).status_code == 302
    edit = reverse("core_departments:edit", args=[department_id])
    assert client.get(edit).status_code == 302
    assert client.get(reverse("core_memberships:index")).status_code == 302


def test_the_accounts_app_registers_its_token_identifier():
    assert api_token_client_identity in ratelimit._client_identifiers
