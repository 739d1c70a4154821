"""Demo sensors of Lindenhafen, modelled on the study's examples (seed digest 2.19).

Parking guidance (the Cologne "ParkPilot": 89 sensors for about 800 spaces), ultrasonic bin
fill levels (Karlsruhe, Singen), pedestrian and bike counters and a WiFi device counter on
street lamps (Aachen's LoRaWAN lamps, an inner-city footfall counter), air quality
(PM2.5, PM10, NO2), flood gauges with a warning level (Lübeck), street lights with
telemanagement (Heidelberg), charging points, and one pressure sensor of the drinking-water
network (Husum), which is critical infrastructure and kept internal.

The things, their observed properties and the sensor kinds are data in ``demo_data/``.
Each thing gets a device with a token; tokens are not printed (replace one in the admin, or
through ``tokens.device_token_replace``, to send readings). Idempotent: things are found by
name and updated.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.gis.geos import Point

from opendata.sensors.catalogue import datastream_catalogue_update, datastreams_to_link
from opendata.sensors.models import (
    Datastream,
    Device,
    FeatureOfInterest,
    Location,
    ObservedProperty,
    Sensor,
    Thing,
)
from opendata.sensors.simulation import readings_backfill
from opendata.sensors.tokens import device_create
from portal.core.demo import DemoCity, demo_data_load
from portal.core.models import District

# The city's own observed-property definitions (see demo_data/properties.yaml) start with this.
LOCAL_DEF = "https://lindenhafen.example/def/observed-property/"

DEMO_DATA = Path(__file__).parent / "demo_data"
# Observed properties (name, definition, description) and sensor kinds (name, description,
# metadata), by key.
PROPERTIES: dict[str, dict[str, str]] = demo_data_load(DEMO_DATA / "properties.yaml")
SENSORS: dict[str, dict[str, str]] = demo_data_load(DEMO_DATA / "sensors.yaml")

# How a window's readings become one published value, by observed property (see publication/):
# states (free spaces, lamp on) publish the last value, flows (people, energy) the sum.
AGGREGATION_BY_PROPERTY = {
    "free": "last",
    "occupied": "last",
    "fill": "max",
    "pedestrians": "sum",
    "bikes": "sum",
    "wifi": "distinct_subjects",
    "pm25": "mean",
    "pm10": "mean",
    "no2": "mean",
    "water": "max",
    "lamp_on": "last",
    "lamp_energy": "sum",
    "charging": "last",
    "pressure": "mean",
    "heat": "sum",
}

# Minutes of silence after which staff are told a sensor is offline, by the sensor's kind:
# about twice to four times its reporting interval (bins report every few hours).
OFFLINE_AFTER_MINUTES = {
    "garage": 30,
    "ground": 30,
    "ultrasonic": 480,
    "counter": 60,
    "wifi": 60,
    "air": 180,
    "radar": 30,
    "lamp": 180,
    "charger": 180,
    "pressure": 15,
}

# LoRaWAN nodes (The Things Stack webhook): which field of the decoded payload feeds which
# observed property, by sensor kind. Their DevEUIs are derived from the thing's name.
LORAWAN_PAYLOAD_FIELDS = {
    "radar": {"water": "level_cm"},
    "lamp": {"lamp_on": "lamp_on", "lamp_energy": "energy_wh"},
    "ultrasonic": {"fill": "fill_percent"},
}


@dataclass(frozen=True)
class Stream:
    prop: str
    unit: tuple[str, str, str]  # name, symbol, definition
    kind: str = Datastream.ObservationType.MEASUREMENT
    valid: tuple[float | None, float | None] = (None, None)
    privacy: str = Datastream.PrivacyClass.PUBLIC
    window: int = 15
    epsilon: float | None = None
    warning: float | None = None


@dataclass(frozen=True)
class DemoThing:
    name: str
    description: str
    district_index: int
    sensor: str
    streams: tuple[Stream, ...]
    operator: str = "digitalisierung"


def _stream(item: dict[str, Any], units: dict[str, dict[str, str]]) -> Stream:
    """One stream of things.yaml: names of unit, kind and privacy class become their values."""
    unit = units[item["unit"]]
    values: dict[str, Any] = {"unit": (unit["name"], unit["symbol"], unit["definition"])}
    if "kind" in item:
        values["kind"] = Datastream.ObservationType[item["kind"].upper()]
    if "privacy" in item:
        values["privacy"] = Datastream.PrivacyClass(item["privacy"])
    if "valid" in item:
        values["valid"] = tuple(item["valid"])
    return Stream(**(item | values))


def _things_load() -> tuple[DemoThing, ...]:
    data = demo_data_load(DEMO_DATA / "things.yaml")
    things = []
    for item in data["things"]:
        streams = tuple(_stream(stream, data["units"]) for stream in item["streams"])
        things.append(DemoThing(**(item | {"streams": streams})))
    return tuple(things)


THINGS: tuple[DemoThing, ...] = _things_load()


def _spots(district: District) -> list[Point]:
    """Points inside the district, on a grid over its extent, in a stable order."""
    xmin, ymin, xmax, ymax = district.area.extent
    steps = 9
    points = []
    for i in range(1, steps):
        for j in range(1, steps):
            point = Point(
                xmin + (xmax - xmin) * i / steps, ymin + (ymax - ymin) * j / steps, srid=4326
            )
            if district.area.contains(point):
                points.append(point)
    return points or [district.area.point_on_surface]


def seed(city: DemoCity) -> None:
    districts = sorted(city.districts.values(), key=lambda district: district.number)
    if not districts:
        districts = list(District.objects.order_by("number"))
    if not districts:
        city.log("no districts: sensors skipped")
        return
    spots = {district.pk: _spots(district) for district in districts}
    used: dict[int, int] = {}
    properties = {
        key: ObservedProperty.objects.update_or_create(
            name=item["name"],
            defaults={"definition": item["definition"], "description": item["description"]},
        )[0]
        for key, item in PROPERTIES.items()
    }
    sensors = {
        key: Sensor.objects.update_or_create(
            name=item["name"],
            defaults={
                "description": item["description"],
                "encoding_type": Sensor.EncodingType.HTML,
                "metadata": item["metadata"],
            },
        )[0]
        for key, item in SENSORS.items()
    }
    streams = devices_created = 0
    for spec in THINGS:
        district = districts[spec.district_index % len(districts)]
        taken = used.get(district.pk, 0)
        candidates = spots[district.pk]
        point = candidates[(taken * 7) % len(candidates)]
        used[district.pk] = taken + 1
        thing, _created = Thing.objects.update_or_create(
            name=spec.name,
            defaults={
                "description": spec.description,
                "operator": city.departments.get(spec.operator),
                "properties": {"district": district.name},
            },
        )
        location, _created = Location.objects.update_or_create(
            name=spec.name,
            defaults={
                "description": district.name,
                "location": point,
                "district": district,
            },
        )
        thing.locations.set([location])
        feature, _created = FeatureOfInterest.objects.update_or_create(
            name=spec.name, defaults={"description": district.name, "feature": point}
        )
        for stream in spec.streams:
            prop = properties[stream.prop]
            unit_name, unit_symbol, unit_definition = stream.unit
            Datastream.objects.update_or_create(
                thing=thing,
                observed_property=prop,
                defaults={
                    "name": f"{prop.name} – {spec.name}",
                    "description": prop.description,
                    "sensor": sensors[spec.sensor],
                    "feature_of_interest": feature,
                    "unit_name": unit_name,
                    "unit_symbol": unit_symbol,
                    "unit_definition": unit_definition,
                    "observation_type": stream.kind,
                    "valid_min": stream.valid[0],
                    "valid_max": stream.valid[1],
                    "warning_threshold": stream.warning,
                    "privacy_class": stream.privacy,
                    "window_minutes": stream.window,
                    "k_minimum": 10,
                    "noise_epsilon_per_day": stream.epsilon,
                    "aggregation": AGGREGATION_BY_PROPERTY.get(stream.prop, ""),
                    "offline_after_minutes": OFFLINE_AFTER_MINUTES.get(spec.sensor),
                },
            )
            streams += 1
        if not Device.objects.filter(thing=thing).exists():
            device_create(thing=thing, name=f"{spec.name} (node)")  # the secret is discarded
            devices_created += 1
        if spec.sensor in LORAWAN_PAYLOAD_FIELDS:
            _lorawan_configure(thing, spec, properties)
    city.log(
        f"{len(THINGS)} sensor things with {streams} datastreams "
        f"({devices_created} new devices; tokens not shown)"
    )
    _backfill(city)
    _catalogue_link(city)  # after the back-fill: its months get CSV files


def _lorawan_configure(thing: Thing, spec: DemoThing, properties: dict) -> None:
    """DevEUI and payload field map of a LoRaWAN node (see sensors/ingestion/lorawan.py)."""
    fields = {
        field: Datastream.objects.get(thing=thing, observed_property=properties[prop]).pk
        for prop, field in LORAWAN_PAYLOAD_FIELDS[spec.sensor].items()
    }
    dev_eui = "70B3D57ED0" + hashlib.sha256(spec.name.encode()).hexdigest()[:6].upper()
    Device.objects.filter(thing=thing).update(dev_eui=dev_eui, payload_fields=fields)


def _backfill(city: DemoCity) -> None:
    """SENSOR_DEMO_BACKFILL_DAYS of simulated readings, then publication (idempotent)."""
    streams = Datastream.objects.filter(thing__name__in=[spec.name for spec in THINGS])
    report = readings_backfill(
        streams=streams.select_related("observed_property"),
        now=city.now,
        days=settings.SENSOR_DEMO_BACKFILL_DAYS,
    )
    published = "" if report.releases is None else f", {report.releases} releases"
    city.log(f"{report.rows} simulated readings back-filled{published}")


def _catalogue_link(city: DemoCity) -> None:
    """Every published demo stream as a catalogue dataset (after the catalogue's own demo)."""
    linked = 0
    for pk in datastreams_to_link():
        if datastream_catalogue_update(datastream=Datastream(pk=pk)) is not None:
            linked += 1
    city.log(f"{linked} published datastreams linked to catalogue datasets")
