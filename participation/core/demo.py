"""Demo city Lindenhafen: the street list (a local gazetteer) of every district.

Names and house-number ranges are data (``demo_data/streets.yaml``); the courses are drawn
here: straight lines through well-spread points of each district, each shortened until it
lies inside its district. Idempotent: a street is found by name and district, and a street an
editor changed (its course or numbers) is left as it is.
"""

from __future__ import annotations

import math
from pathlib import Path

from django.contrib.gis.geos import LineString, Point

from participation.core.models import Street
from portal.core.demo import DemoCity, demo_data_load
from portal.core.models import District

STREETS: dict[str, list[list]] = demo_data_load(
    Path(__file__).parent / "demo_data" / "streets.yaml"
)
METRES_PER_DEGREE = 111_195.0
HALF_LENGTH_METRES = 260.0
GRID = 9  # candidate centres per side of the district's extent
INSET_DEGREES = 0.0015  # centres keep about 100-170 m from the district's border


def _centres(district: District, count: int) -> list[Point]:
    """``count`` points well inside the district, spread over it, in a stable order."""
    inner = district.area.buffer(-INSET_DEGREES)
    area = inner if not inner.empty else district.area
    xmin, ymin, xmax, ymax = area.extent
    inside = []
    for i in range(1, GRID):
        for j in range(1, GRID):
            point = Point(
                xmin + (xmax - xmin) * i / GRID, ymin + (ymax - ymin) * j / GRID, srid=4326
            )
            if area.contains(point):
                inside.append(point)
    if not inside:
        inside = [district.area.point_on_surface]
    step = max(len(inside) / count, 1.0)
    return [inside[int(k * step) % len(inside)] for k in range(count)]


def street_line(district: District, centre: Point, angle_degrees: float) -> LineString:
    """A straight street through ``centre``, shortened (or turned) until it lies inside."""
    scale_x = 1 / (METRES_PER_DEGREE * math.cos(math.radians(centre.y)))
    line = None
    for turn in (0, 90, 45, 135):
        angle = math.radians(angle_degrees + turn)
        half = HALF_LENGTH_METRES
        while half >= 10:
            dx = math.cos(angle) * half * scale_x
            dy = math.sin(angle) * half / METRES_PER_DEGREE
            line = LineString(
                (centre.x - dx, centre.y - dy), (centre.x + dx, centre.y + dy), srid=4326
            )
            if district.area.contains(line):
                return line
            half *= 0.7
    raise ValueError(f"No street fits around {centre.wkt} in {district}.")


def seed(city: DemoCity) -> None:
    districts = city.districts or {d.slug: d for d in District.objects.all()}
    existing = {(s.district_id, s.name) for s in Street.objects.only("district_id", "name")}
    new = []
    for slug, streets in STREETS.items():
        district = districts.get(slug)
        if district is None:
            continue
        centres = _centres(district, len(streets))
        for index, ((name, last_number), centre) in enumerate(zip(streets, centres, strict=True)):
            if (district.pk, name) in existing:
                continue
            line = street_line(district, centre, angle_degrees=(index * 67) % 180)
            new.append(
                Street(
                    name=name,
                    district=district,
                    line=line,
                    first_number=1,
                    last_number=last_number,
                )
            )
    Street.objects.bulk_create(new)
    city.log(f"{len(new)} new streets in the street list")
