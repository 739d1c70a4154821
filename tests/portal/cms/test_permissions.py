"""The CMS admin's permission matrices: snippets through rules, pages through Wagtail's
group page permissions (editors draft, reviewers also publish)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page

from portal.accounts.models import User
from tests.permissions import (
    PERSONAS,
    assert_matrix,
    permission_matrix,
    permissions_named,
    personas_create,
    row,
)

pytestmark = pytest.mark.django_db

CRUD = ("add", "change", "delete", "view")
SNIPPETS = ("organisation", "fundingprogramme", "glossaryterm")

MATRIX = permission_matrix(
    "cms",
    [row(f"cms.{action}_{model}", staff=True, admin=True) for model in SNIPPETS for action in CRUD],
)

PAGE_PERSONAS = (*PERSONAS, "editor", "reviewer")
PAGE_MATRIX = permission_matrix(
    "cms",
    [
        row("edit", editor=True, reviewer=True, admin=True),
        row("add subpage", editor=True, reviewer=True, admin=True),
        row("publish", reviewer=True, admin=True),
        # Wagtail lets whoever may publish a live page also delete it (add + publish).
        row("delete", reviewer=True, admin=True),
    ],
    name="cms pages",
    rules=False,
    personas=PAGE_PERSONAS,
)

PAGE_CHECKS = {
    "edit": lambda tester: tester.can_edit(),
    "add subpage": lambda tester: tester.can_add_subpage(),
    "publish": lambda tester: tester.can_publish(),
    "delete": lambda tester: tester.can_delete(),
}


def test_snippet_permissions_follow_the_matrix():
    users = personas_create(
        staff_permissions=[f"cms.{action}_{model}" for model in SNIPPETS for action in CRUD]
    )
    assert_matrix(MATRIX, users)


def _page_group(name: str, codes: tuple[str, ...], page: Page) -> Group:
    group = Group.objects.create(name=name)
    group.permissions.set(permissions_named(["wagtailadmin.access_admin"]))
    for permission in permissions_named(f"wagtailcore.{code}_page" for code in codes):
        GroupPagePermission.objects.create(group=group, page=page, permission=permission)
    return group


def test_page_permissions_follow_the_matrix():
    root = Page.get_first_root_node()
    section = root.add_child(instance=Page(title="Matrix section", slug="matrix-section"))
    page = section.add_child(instance=Page(title="Matrix page", slug="matrix-page"))
    users = personas_create()
    for key, codes in (("editor", ("add", "change")), ("reviewer", ("add", "change", "publish"))):
        user = User.objects.create_user(
            username=f"matrix-{key}", email=f"matrix-{key}@example.test", is_staff=True
        )
        user.groups.add(_page_group(f"Matrix {key}s", codes, section))
        users[key] = user

    def page_allows(user, action, obj):
        return PAGE_CHECKS[action](page.permissions_for_user(user))

    assert_matrix(PAGE_MATRIX, users, check=page_allows)
