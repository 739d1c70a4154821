"""Factories of participation's shared core: the city's street list."""

from __future__ import annotations

import factory
from django.contrib.gis.geos import LineString
from factory.django import DjangoModelFactory

from participation.core.models import Street
from tests.factories.core import DistrictFactory


def _line_through(district) -> LineString:
    centre = district.area.point_on_surface
    line = LineString((centre.x - 0.001, centre.y), (centre.x + 0.001, centre.y))
    line.srid = 4326
    return line


class StreetFactory(DjangoModelFactory):
    class Meta:
        model = Street

    name = factory.Sequence(lambda n: f"Teststraße {n}")
    district = factory.SubFactory(DistrictFactory)
    line = factory.LazyAttribute(lambda street: _line_through(street.district))
    first_number = 1
    last_number = 41
