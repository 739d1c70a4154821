"""Demo sensors of Lindenhafen, modelled on the study's examples (seed digest 2.19).

Parking guidance (the Cologne "ParkPilot": 89 sensors for about 800 spaces), ultrasonic bin
fill levels (Karlsruhe, Singen), pedestrian and bike counters and a WiFi device counter on
street lamps (Aachen's LoRaWAN lamps, an inner-city footfall counter), air quality
(PM2.5, PM10, NO2), flood gauges with a warning level (Lübeck), street lights with
telemanagement (Heidelberg), charging points, and one pressure sensor of the drinking-water
network (Husum), which is critical infrastructure and kept internal.

Each thing gets a device with a token; tokens are not printed (replace one in the admin, or
through ``tokens.device_token_replace``, to send readings). Idempotent: things are found by
name and updated.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

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
from portal.core.demo import DemoCity
from portal.core.models import District

LOCAL_DEF = "https://lindenhafen.example/def/observed-property/"
QUDT = "http://qudt.org/vocab/unit/"
EEA_POLLUTANT = "http://dd.eionet.europa.eu/vocabulary/aq/pollutant/"

# key: (name, definition, description)
PROPERTIES = {
    "free": ("Free parking spaces", LOCAL_DEF + "free-parking-spaces", "Spaces free now."),
    "occupied": (
        "Occupied parking spaces",
        LOCAL_DEF + "occupied-parking-spaces",
        "Spaces occupied, from in-ground sensors.",
    ),
    "fill": ("Fill level", LOCAL_DEF + "fill-level", "How full a bin or container is."),
    "pedestrians": ("Pedestrians", LOCAL_DEF + "pedestrian-count", "People passing by."),
    "bikes": ("Bicycles", LOCAL_DEF + "bicycle-count", "Bicycles passing by."),
    "wifi": (
        "WiFi devices",
        LOCAL_DEF + "wifi-device-presence",
        "Devices seen by a WiFi probe counter; one reading per device, pseudonymised.",
    ),
    "pm25": ("PM2.5", EEA_POLLUTANT + "6001", "Particulate matter below 2.5 µm."),
    "pm10": ("PM10", EEA_POLLUTANT + "5", "Particulate matter below 10 µm."),
    "no2": ("Nitrogen dioxide", EEA_POLLUTANT + "8", "NO2 concentration."),
    "water": ("Water level", LOCAL_DEF + "water-level", "Level above the gauge zero."),
    "lamp_on": ("Lamp on", LOCAL_DEF + "lamp-status", "Whether the luminaire is lit."),
    "lamp_energy": ("Lamp energy", LOCAL_DEF + "lamp-energy", "Energy used since last reading."),
    "charging": (
        "Charging point occupied",
        LOCAL_DEF + "charging-point-occupied",
        "Whether a vehicle is connected.",
    ),
    "pressure": ("Network pressure", LOCAL_DEF + "water-pressure", "Drinking-water pressure."),
    "heat": (
        "District heating energy",
        LOCAL_DEF + "district-heating-energy",
        "Heat delivered to the flats of a quarter, from smart meters read per flat.",
    ),
}

# key: (name, description, metadata link)
SENSORS = {
    "garage": ("Barrier counter", "Entry and exit counter of a parking garage.", ""),
    "ground": ("In-ground parking sensor", "Magnetic sensor under each parking space.", ""),
    "ultrasonic": ("Ultrasonic fill-level sensor", "Measures the distance to the waste.", ""),
    "counter": ("Infrared counter", "Counts people and bicycles; no images.", ""),
    "wifi": ("WiFi probe counter", "Hears WiFi probe requests of nearby devices.", ""),
    "air": ("Air-quality station", "Optical particle counter and electrochemical NO2 cell.", ""),
    "radar": ("Radar level gauge", "Measures the water level from a bridge.", ""),
    "lamp": ("Luminaire controller", "LoRaWAN node in the street lamp.", ""),
    "charger": ("Charging-point controller", "Reports the connector state.", ""),
    "pressure": ("Pressure transducer", "In the drinking-water network.", ""),
    "heatmeter": ("Smart heat meter", "Heat meter per flat, read remotely.", ""),
}

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

COUNT = Datastream.ObservationType.COUNT
TRUTH = Datastream.ObservationType.TRUTH
MEASURE = Datastream.ObservationType.MEASUREMENT
PUBLIC = Datastream.PrivacyClass.PUBLIC
PERSON = Datastream.PrivacyClass.PERSON_DERIVED
CRITICAL = Datastream.PrivacyClass.CRITICAL_INTERNAL


@dataclass(frozen=True)
class Stream:
    prop: str
    unit: tuple[str, str, str]  # name, symbol, definition
    kind: str = MEASURE
    valid: tuple[float | None, float | None] = (None, None)
    privacy: str = PUBLIC
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


SPACES = ("parking space", "", QUDT + "NUM")
PERCENT = ("percent", "%", QUDT + "PERCENT")
COUNTS = ("count", "", QUDT + "NUM")
UGM3 = ("microgram per cubic metre", "µg/m³", QUDT + "MicroGM-PER-M3")
CM = ("centimetre", "cm", QUDT + "CentiM")
BOOL = ("true/false", "", "")
WH = ("watt hour", "Wh", QUDT + "W-HR")
BAR = ("bar", "bar", QUDT + "BAR")
KWH = ("kilowatt hour", "kWh", QUDT + "KiloW-HR")


def _air(name: str, index: int) -> DemoThing:
    return DemoThing(
        name,
        "Air-quality station (PM2.5, PM10, NO2).",
        index,
        "air",
        (
            Stream("pm25", UGM3, valid=(0, 1000), window=60),
            Stream("pm10", UGM3, valid=(0, 1000), window=60),
            Stream("no2", UGM3, valid=(0, 2000), window=60),
        ),
        operator="umweltamt",
    )


THINGS: tuple[DemoThing, ...] = (
    DemoThing(
        "Parkhaus Hafenspitze",
        "Multi-storey car park with 420 spaces.",
        0,
        "garage",
        (Stream("free", SPACES, COUNT, (0, 420)),),
        operator="verkehrsbetriebe",
    ),
    DemoThing(
        "Parkhaus Marktplatz",
        "Underground car park with 380 spaces.",
        0,
        "garage",
        (Stream("free", SPACES, COUNT, (0, 380)),),
        operator="verkehrsbetriebe",
    ),
    DemoThing(
        "Parkzone Lindenstraße",
        "On-street parking zone with 45 in-ground sensors, one per space.",
        1,
        "ground",
        (Stream("occupied", SPACES, COUNT, (0, 45)),),
        operator="ordnungsamt",
    ),
    DemoThing(
        "Parkzone Bahnhofsvorplatz",
        "On-street parking zone with 44 in-ground sensors, one per space.",
        1,
        "ground",
        (Stream("occupied", SPACES, COUNT, (0, 44)),),
        operator="ordnungsamt",
    ),
    *(
        DemoThing(
            f"Unterflurbehälter {label}",
            "Underground waste container at a tram stop, with an ultrasonic sensor.",
            index,
            "ultrasonic",
            (Stream("fill", PERCENT, valid=(0, 100), window=60, warning=85),),
            operator="awb",
        )
        for index, label in enumerate(
            ("Hafenstraße", "Rathausplatz", "Schulzentrum", "Am Stadtpark"), start=0
        )
    ),
    DemoThing(
        "Zählstelle Fußgängerzone",
        "Infrared pedestrian counter on a street lamp in the shopping street.",
        0,
        "counter",
        (Stream("pedestrians", COUNTS, COUNT, (0, 5000), PERSON),),
    ),
    DemoThing(
        "Zählstelle Uferweg",
        "Pedestrian and bike counter on the riverside path.",
        2,
        "counter",
        (
            Stream("pedestrians", COUNTS, COUNT, (0, 5000), PERSON),
            Stream("bikes", COUNTS, COUNT, (0, 5000), PERSON),
        ),
    ),
    DemoThing(
        "Radzählstelle Brückenstraße",
        "Bike counter with induction loops in the cycle lane.",
        1,
        "counter",
        (Stream("bikes", COUNTS, COUNT, (0, 5000), PERSON),),
    ),
    DemoThing(
        "WLAN-Zähler Marktplatz",
        "WiFi device counter on a smart pole; device addresses are pseudonymised daily.",
        0,
        "wifi",
        (Stream("wifi", COUNTS, COUNT, (1, 1), PERSON, epsilon=1.0),),
    ),
    DemoThing(
        "WLAN-Zähler Bahnhof",
        "WiFi device counter at the station; device addresses are pseudonymised daily.",
        1,
        "wifi",
        (Stream("wifi", COUNTS, COUNT, (1, 1), PERSON, epsilon=1.0),),
    ),
    _air("Luftmessstation Hafenstraße", 0),
    _air("Luftmessstation Ringstraße", 2),
    DemoThing(
        "Pegel Lindenbach Mühlenbrücke",
        "Radar gauge of the Lindenbach; warns at 180 cm.",
        2,
        "radar",
        (Stream("water", CM, valid=(0, 600), warning=180),),
        operator="stadtentwaesserung",
    ),
    DemoThing(
        "Pegel Hafenbecken",
        "Radar gauge in the harbour basin; warns at 320 cm.",
        0,
        "radar",
        (Stream("water", CM, valid=(0, 800), warning=320),),
        operator="stadtentwaesserung",
    ),
    *(
        DemoThing(
            f"Leuchte {label}",
            "LED street light with telemanagement.",
            index,
            "lamp",
            (
                Stream("lamp_on", BOOL, TRUTH, (0, 1)),
                Stream("lamp_energy", WH, valid=(0, 2000), window=60),
            ),
            operator="stadtwerke",
        )
        for index, label in enumerate(("Uferweg 12", "Lindenstraße 3", "Am Stadtpark 7"))
    ),
    *(
        DemoThing(
            f"Ladepunkt {label}",
            "Public charging point (22 kW).",
            index,
            "charger",
            (Stream("charging", BOOL, TRUTH, (0, 1)),),
            operator="stadtwerke",
        )
        for index, label in enumerate(("Parkhaus Hafenspitze", "Rathaus", "Bahnhof"))
    ),
    DemoThing(
        "Fernwärme Quartier Hafenspitze",
        "District heating for 700 flats; smart meters are read per flat and their ids "
        "pseudonymised daily; published only as sums over at least 10 households.",
        0,
        "heatmeter",
        (Stream("heat", KWH, valid=(0, 50), privacy=PERSON, window=60),),
        operator="stadtwerke",
    ),
    DemoThing(
        "Druckmessung Hochbehälter Nord",
        "Pressure in the drinking-water network: critical infrastructure, kept internal.",
        1,
        "pressure",
        (Stream("pressure", BAR, valid=(0, 16), privacy=CRITICAL),),
        operator="stadtwerke",
    ),
)


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
            name=name, defaults={"definition": definition, "description": description}
        )[0]
        for key, (name, definition, description) in PROPERTIES.items()
    }
    sensors = {
        key: Sensor.objects.update_or_create(
            name=name,
            defaults={
                "description": description,
                "encoding_type": Sensor.EncodingType.HTML,
                "metadata": metadata,
            },
        )[0]
        for key, (name, description, metadata) in SENSORS.items()
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
