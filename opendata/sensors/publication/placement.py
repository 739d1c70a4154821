"""Where a release is published: a stream's own feature of interest, or the H3 cell around
a person-derived stream's location (never its exact point)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import h3
from django.contrib.gis.geos import Point, Polygon

from opendata.sensors.models import Datastream, FeatureOfInterest
from opendata.sensors.publication.policy import Policy, h3_resolution


@dataclass(frozen=True)
class Placement:
    cell: str
    feature: FeatureOfInterest | None


def _point_of(datastream: Datastream) -> Point | None:
    location = datastream.thing.locations.order_by("pk").first()
    if location is not None:
        return location.location
    if datastream.feature_of_interest is not None:
        return datastream.feature_of_interest.feature.centroid
    return None


def _feature(key: str, **fields) -> FeatureOfInterest:
    """The feature of interest with `key`, created on first use; a job that creates it at
    the same moment as another gets the other's (``get_or_create`` retries the lookup after
    the unique key refused its insert)."""
    feature, _created = FeatureOfInterest.objects.get_or_create(key=key, defaults=fields)
    return feature


def h3_feature(index: str) -> FeatureOfInterest:
    """The hexagon of an H3 cell as a feature of interest, created once and reused."""
    ring = [(lng, lat) for lat, lng in h3.cell_to_boundary(index)]
    return _feature(
        f"h3:{index}",
        name=f"H3 {index}",
        description=f"H3 cell {index} (resolution {h3.get_resolution(index)})",
        feature=Polygon([*ring, ring[0]], srid=4326),
    )


def point_feature_key(name: str, point: Point) -> str:
    digest = hashlib.sha256(f"{name}|{point.srid}|{point.x!r}|{point.y!r}".encode()).hexdigest()
    return f"point:{digest[:40]}"


def _location_feature(datastream: Datastream, point: Point | None) -> FeatureOfInterest | None:
    if datastream.feature_of_interest is not None or point is None:
        return datastream.feature_of_interest
    location = datastream.thing.locations.order_by("pk").first()
    name = location.name if location is not None else datastream.thing.name
    return _feature(
        point_feature_key(name, point), name=name, description=datastream.thing.name, feature=point
    )


def placement_for(datastream: Datastream, policy: Policy) -> Placement:
    point = _point_of(datastream)
    if not policy.person_derived:
        return Placement("", _location_feature(datastream, point))
    if point is None:  # never publish an exact point for a person-derived stream
        return Placement("", None)
    index = h3.latlng_to_cell(point.y, point.x, h3_resolution())
    return Placement(f"h3:{index}", h3_feature(index))
