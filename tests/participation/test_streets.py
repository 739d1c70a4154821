"""The city's street list: a house number becomes a point on its street."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from participation.core.selectors import street_lookup, street_point, streets_by_district
from tests.factories import StreetFactory

pytestmark = pytest.mark.django_db


def test_house_numbers_are_interpolated_along_the_street():
    street = StreetFactory(first_number=1, last_number=41)
    start, end = street.line.coords[0], street.line.coords[-1]
    assert street_point(street=street, number=1).coords == pytest.approx(start)
    assert street_point(street=street, number=41).coords == pytest.approx(end)
    middle = street_point(street=street, number=21)
    assert middle.x == pytest.approx((start[0] + end[0]) / 2)
    assert street_point(street=street, number=999).coords == pytest.approx(end)  # clamped


def test_a_street_from_the_list_with_a_house_number_like_12a():
    street = StreetFactory()
    assert street_lookup(street_id=str(street.pk), house_number="21a") == street_point(
        street=street, number=21
    )


@pytest.mark.parametrize("street_id", ["", "abc", "999999", None])
def test_an_unknown_street_names_the_field(street_id):
    with pytest.raises(ValidationError) as error:
        street_lookup(street_id=street_id)
    assert "street" in error.value.message_dict


def test_streets_are_grouped_by_district():
    a = StreetFactory(name="Am Hafen")
    StreetFactory(name="Bahnhofstraße", district=a.district)
    groups = dict(streets_by_district())  # the demo city's districts have their own
    assert groups[a.district.name] == [(a.pk, "Am Hafen"), (a.pk + 1, "Bahnhofstraße")]
