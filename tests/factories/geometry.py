"""Geometry for factories: SRID 4326, inside the demo city's bounding box (not its districts)."""

from __future__ import annotations

from django.contrib.gis.geos import MultiPolygon, Point, Polygon

# West, south, east, north in degrees: the area the demo city lies in.
CITY_BBOX = (8.55, 50.90, 8.75, 51.05)


def city_point(index: int = 0) -> Point:
    """A point in the city; different indexes give different points on a small grid."""
    west, south, east, north = CITY_BBOX
    column, row = index % 10, (index // 10) % 10
    return Point(
        west + (east - west) * (column + 0.5) / 10,
        south + (north - south) * (row + 0.5) / 10,
        srid=4326,
    )


def city_square(index: int = 0, size: float = 0.005) -> Polygon:
    """A small square in the city around city_point(index)."""
    x, y = city_point(index).coords
    square = Polygon.from_bbox((x - size, y - size, x + size, y + size))
    square.srid = 4326
    return square


def city_area(index: int = 0) -> MultiPolygon:
    return MultiPolygon(city_square(index), srid=4326)


# The demo city's districts lie south of this latitude; test districts go north of it, so that
# a point in a test district is never also in a demo district (the lookup would take that one).
TEST_DISTRICTS_SOUTH = 51.005


def district_area(number: int) -> MultiPolygon:
    """A test district's area: one of 480 distinct squares of about 200 m by 300 m in the
    north of the bounding box, clear of the demo city's districts and of one another."""
    west, _south, east, north = CITY_BBOX
    column, row = number % 40, (number // 40) % 12
    x = west + (east - west) * (column + 0.5) / 40
    y = TEST_DISTRICTS_SOUTH + (north - TEST_DISTRICTS_SOUTH) * (row + 0.5) / 12
    size = 0.0015
    square = Polygon.from_bbox((x - size, y - size, x + size, y + size))
    square.srid = 4326
    return MultiPolygon(square, srid=4326)
