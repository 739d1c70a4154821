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
