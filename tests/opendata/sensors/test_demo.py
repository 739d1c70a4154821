"""The demo city's sensors: inside the districts, with devices, idempotent."""

from __future__ import annotations

import io

import pytest

from opendata.sensors import demo
from opendata.sensors.models import Datastream, Device, Location, Thing
from portal.core.demo import DemoCity
from portal.core.models import District

pytestmark = pytest.mark.django_db


def _city() -> DemoCity:
    from django.utils import timezone

    from portal.core.models import Department

    out = io.StringIO()
    city = DemoCity(name="Lindenhafen", now=timezone.now(), log=out.write)
    city.districts = {d.slug: d for d in District.objects.all()}
    city.departments = {d.slug: d for d in Department.objects.all()}
    city.out = out  # type: ignore[attr-defined]
    return city


def test_demo_sensors_exist_inside_the_districts(demo_city):
    names = {spec.name for spec in demo.THINGS}
    things = Thing.objects.filter(name__in=names)
    assert things.count() == len(demo.THINGS) >= 20
    for location in Location.objects.filter(things__in=things):
        assert location.district is not None
        assert location.district.area.contains(location.location), location.name
    classes = set(
        Datastream.objects.filter(thing__in=things).values_list("privacy_class", flat=True)
    )
    assert classes == {"public", "person_derived", "critical_internal"}
    gauges = Datastream.objects.filter(thing__name__startswith="Pegel")
    assert gauges.count() == 2 and all(g.warning_threshold for g in gauges)
    assert Device.objects.filter(thing__in=things).count() == len(demo.THINGS)
    for stream in Datastream.objects.filter(thing__in=things, privacy_class="person_derived"):
        assert stream.k_minimum >= 10


def test_seeding_again_changes_nothing_and_prints_no_token(demo_city):
    before = (
        Thing.objects.count(),
        Datastream.objects.count(),
        Device.objects.count(),
        Location.objects.count(),
        list(Device.objects.values_list("token_hash", flat=True).order_by("pk")),
    )
    city = _city()
    demo.seed(city)
    after = (
        Thing.objects.count(),
        Datastream.objects.count(),
        Device.objects.count(),
        Location.objects.count(),
        list(Device.objects.values_list("token_hash", flat=True).order_by("pk")),
    )
    assert after == before
    assert "scd_" not in city.out.getvalue()  # type: ignore[attr-defined]
