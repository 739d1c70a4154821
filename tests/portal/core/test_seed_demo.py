"""The demo city: complete, valid geometry, idempotent."""

from __future__ import annotations

import io

from django.contrib.auth import authenticate
from django.core.management import call_command
from wagtail.models import Page

from portal.accounts.demo import PERSONAS, demo_password
from portal.accounts.models import User
from portal.core.models import Department, District


def _counts() -> dict[str, int]:
    return {
        "districts": District.objects.count(),
        "departments": Department.objects.count(),
        "users": User.objects.count(),
        "pages": Page.objects.count(),
    }


def test_demo_city_has_districts_departments_and_personas(demo_city):
    assert District.objects.count() == 8
    kinds = set(Department.objects.values_list("kind", flat=True))
    assert kinds == {"administration", "municipal_company"}
    assert set(User.objects.values_list("username", flat=True)) >= {p[0] for p in PERSONAS}


def test_districts_are_valid_and_do_not_overlap(demo_city):
    districts = list(District.objects.all())
    for district in districts:
        assert district.area.valid, district.name
        assert district.area.srid == 4326
    for i, first in enumerate(districts):
        for second in districts[i + 1 :]:
            assert first.area.intersection(second.area).area < 1e-12, (first, second)


def test_district_lookup_by_point_uses_the_spatial_database(demo_city):
    centre = District.objects.get(slug="altstadt").area.centroid
    assert list(District.objects.filter(area__contains=centre)) == [
        District.objects.get(slug="altstadt")
    ]


def test_seeding_twice_changes_nothing(demo_city):
    before = _counts()
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert _counts() == before
    assert "(unchanged)" in out.getvalue()


def test_personas_can_log_in_with_demo_password(demo_city):
    for key, email, *_ in PERSONAS:
        user = authenticate(username=key, password=demo_password())
        assert user is not None and user.email == email


def test_persona_roles(personas):
    assert personas["admin"].is_superuser
    assert personas["editor"].groups.filter(name="Editors").exists()
    assert personas["moderator"].groups.filter(name="Participation moderators").exists()
    assert not personas["citizen"].is_staff
