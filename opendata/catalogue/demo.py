"""Demo catalogue: about 40 datasets of Lindenhafen with real, generated CSV and GeoJSON files."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import random
from datetime import timedelta

from django.contrib.gis.geos import MultiPolygon, Point
from django.core.files.base import ContentFile
from django.db import transaction

from opendata.catalogue.models import (
    DataService,
    Dataset,
    DataTheme,
    Distribution,
    Publisher,
)
from opendata.catalogue.services import dataset_save
from opendata.catalogue.vocabularies import Theme
from portal.core.demo import DemoCity

MUNICIPALITY_KEY = "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/069990001"

# name, German title, English title, publisher, themes, frequency, kind, German keywords,
# German description, English description
DATASETS = [
    (
        "parkplaetze-belegung",
        "Parkplatzbelegung Altstadt",
        "Parking occupancy in the old town",
        "verkehrsbetriebe",
        ["TRAN"],
        "UPDATE_CONT",
        "series",
        ["Parken", "Sensoren"],
        "Belegung der 800 sensorüberwachten Stellplätze, stündlich je Parkzone zusammengefasst.",
        "Occupancy of the 800 sensor-monitored spaces, aggregated hourly per parking zone.",
    ),
    (
        "parkhaeuser",
        "Parkhäuser und Parkplätze",
        "Car parks",
        "verkehrsbetriebe",
        ["TRAN"],
        "ANNUAL",
        "points",
        ["Parken", "Parkhaus"],
        "Lage, Kapazität und Betreiber der öffentlichen Parkhäuser.",
        "Location, capacity and operator of public car parks.",
    ),
    (
        "papierkoerbe-fuellstand",
        "Füllstände der Sensor-Papierkörbe",
        "Fill levels of sensor bins",
        "awb",
        ["ENVI"],
        "DAILY",
        "series",
        ["Abfall", "Sensoren"],
        "Mittlere tägliche Füllstände der Papierkörbe mit Ultraschallsensor je Stadtteil.",
        "Average daily fill levels of bins with ultrasonic sensors per district.",
    ),
    (
        "papierkoerbe",
        "Standorte der Papierkörbe",
        "Litter bin locations",
        "awb",
        ["ENVI"],
        "ANNUAL",
        "points",
        ["Abfall"],
        "Standorte aller öffentlichen Papierkörbe.",
        "Locations of all public litter bins.",
    ),
    (
        "wertstoffhoefe",
        "Wertstoffhöfe",
        "Recycling centres",
        "awb",
        ["ENVI"],
        "ANNUAL",
        "points",
        ["Abfall", "Recycling"],
        "Wertstoffhöfe mit angenommenen Abfallarten.",
        "Recycling centres with the kinds of waste they accept.",
    ),
    (
        "verkehrszaehlung",
        "Verkehrszählungen an Hauptstraßen",
        "Traffic counts on main roads",
        "tiefbauamt",
        ["TRAN"],
        "DAILY",
        "series",
        ["Verkehr", "Zählung"],
        "Tägliche Kfz- und Radverkehrsmengen der LoRaWAN-Zählstellen.",
        "Daily motor and bicycle traffic of the LoRaWAN counting stations.",
    ),
    (
        "radzaehlstellen",
        "Radzählstellen",
        "Bicycle counters",
        "tiefbauamt",
        ["TRAN"],
        "ANNUAL",
        "points",
        ["Radverkehr"],
        "Lage der automatischen Radzählstellen.",
        "Locations of the automatic bicycle counters.",
    ),
    (
        "baustellen",
        "Baustellen im Straßenraum",
        "Road works",
        "tiefbauamt",
        ["TRAN", "REGI"],
        "WEEKLY",
        "points",
        ["Baustellen", "Verkehr"],
        "Aktuelle und geplante Baustellen mit Zeitraum und Einschränkungen.",
        "Current and planned road works with period and restrictions.",
    ),
    (
        "haltestellen",
        "Haltestellen des ÖPNV",
        "Public transport stops",
        "verkehrsbetriebe",
        ["TRAN"],
        "QUARTERLY",
        "points",
        ["ÖPNV", "Haltestellen"],
        "Bus- und Straßenbahnhaltestellen mit Barrierefreiheitsmerkmalen.",
        "Bus and tram stops with accessibility features.",
    ),
    (
        "ladepunkte",
        "Ladepunkte für Elektrofahrzeuge",
        "Charging points",
        "stadtwerke",
        ["TRAN", "ENER"],
        "MONTHLY",
        "points",
        ["Elektromobilität", "Laden"],
        "Öffentliche Ladepunkte mit Leistung und Steckertyp.",
        "Public charging points with power and plug type.",
    ),
    (
        "ladepunkte-nutzung",
        "Nutzung der Ladepunkte",
        "Charging point usage",
        "stadtwerke",
        ["TRAN", "ENER"],
        "DAILY",
        "series",
        ["Elektromobilität"],
        "Tägliche abgegebene Energie aller städtischen Ladepunkte je Stadtteil.",
        "Daily energy delivered by all municipal charging points per district.",
    ),
    (
        "wlan-hotspots",
        "WLAN-Hotspots",
        "WiFi hotspots",
        "digitalisierung",
        ["TECH", "REGI"],
        "QUARTERLY",
        "points",
        ["WLAN", "Digitale Infrastruktur"],
        "Standorte des freien städtischen WLANs.",
        "Locations of the free municipal WiFi.",
    ),
    (
        "wlan-nutzung",
        "WLAN-Nutzung (anonymisiert)",
        "WiFi usage (anonymised)",
        "digitalisierung",
        ["TECH"],
        "DAILY",
        "series",
        ["WLAN"],
        "Tägliche Zahl der Sitzungen je Stadtteil; Zellen unter 10 werden unterdrückt.",
        "Daily number of sessions per district; cells below 10 are suppressed.",
    ),
    (
        "lorawan-gateways",
        "LoRaWAN-Gateways",
        "LoRaWAN gateways",
        "digitalisierung",
        ["TECH"],
        "ANNUAL",
        "points",
        ["LoRaWAN", "Funknetz"],
        "Standorte der LoRaWAN-Gateways.",
        "Locations of the LoRaWAN gateways.",
    ),
    (
        "strassenbeleuchtung",
        "Straßenbeleuchtung",
        "Street lighting",
        "stadtwerke",
        ["ENER"],
        "ANNUAL",
        "points",
        ["Beleuchtung", "LED"],
        "Leuchten mit Leuchtmittel und Leistung.",
        "Street lights with lamp type and power.",
    ),
    (
        "strassenbeleuchtung-energie",
        "Energieverbrauch der Straßenbeleuchtung",
        "Street lighting energy use",
        "stadtwerke",
        ["ENER"],
        "MONTHLY",
        "series",
        ["Beleuchtung", "Energie"],
        "Monatlicher Stromverbrauch der Straßenbeleuchtung je Stadtteil.",
        "Monthly electricity use of street lighting per district.",
    ),
    (
        "luftqualitaet",
        "Luftqualität (PM2,5, PM10, NO2)",
        "Air quality (PM2.5, PM10, NO2)",
        "umweltamt",
        ["ENVI", "HEAL"],
        "UPDATE_CONT",
        "series",
        ["Luft", "Feinstaub"],
        "Stundenmittel der Messstationen für Feinstaub und Stickstoffdioxid.",
        "Hourly means of the monitoring stations for particulate matter and nitrogen dioxide.",
    ),
    (
        "luftmessstationen",
        "Luftmessstationen",
        "Air monitoring stations",
        "umweltamt",
        ["ENVI"],
        "ANNUAL",
        "points",
        ["Luft"],
        "Standorte der Luftmessstationen.",
        "Locations of the air monitoring stations.",
    ),
    (
        "laermkarte",
        "Lärmmesspunkte",
        "Noise measuring points",
        "umweltamt",
        ["ENVI", "HEAL"],
        "ANNUAL",
        "points",
        ["Lärm"],
        "Messpunkte des Lärmmessnetzes.",
        "Measuring points of the noise network.",
    ),
    (
        "pegelstaende",
        "Pegelstände der Linde",
        "Water levels of the River Linde",
        "stadtentwaesserung",
        ["ENVI", "JUST"],
        "UPDATE_CONT",
        "series",
        ["Hochwasser", "Pegel"],
        "Wasserstände der Pegel mit Warnstufen, 15-Minuten-Werte.",
        "Water levels of the gauges with warning levels, 15-minute values.",
    ),
    (
        "pegel",
        "Pegelmessstellen",
        "River gauges",
        "stadtentwaesserung",
        ["ENVI"],
        "ANNUAL",
        "points",
        ["Pegel"],
        "Lage der Pegel mit Warnschwellen.",
        "Location of the gauges with warning thresholds.",
    ),
    (
        "ueberschwemmungsgebiete",
        "Überschwemmungsgebiete",
        "Flood areas",
        "stadtentwaesserung",
        ["ENVI", "REGI"],
        "NEVER",
        "points",
        ["Hochwasser"],
        "Punkte besonders gefährdeter Bereiche bei Hochwasser.",
        "Points of areas at particular risk in floods.",
    ),
    (
        "quartiersenergie",
        "Quartiersenergie Hafenviertel",
        "Hafenviertel district energy",
        "stadtwerke",
        ["ENER"],
        "DAILY",
        "series",
        ["Energie", "Wärme"],
        "Tagessummen von Wärme und Strom über mindestens 10 Haushalte zusammengefasst.",
        "Daily totals of heat and electricity aggregated over at least 10 households.",
    ),
    (
        "solaranlagen",
        "Photovoltaik auf städtischen Dächern",
        "Solar panels on municipal roofs",
        "stadtwerke",
        ["ENER"],
        "ANNUAL",
        "points",
        ["Solar", "Energie"],
        "Photovoltaikanlagen auf städtischen Gebäuden mit Leistung.",
        "Photovoltaic systems on municipal buildings with capacity.",
    ),
    (
        "maengelmeldungen-statistik",
        "Mängelmeldungen nach Kategorie",
        "Defect reports by category",
        "smart-city",
        ["GOVE"],
        "MONTHLY",
        "series",
        ["Mängelmelder"],
        "Monatliche Zahl der Meldungen je Stadtteil, ohne personenbezogene Angaben.",
        "Monthly number of reports per district, without personal data.",
    ),
    (
        "stadtteile",
        "Stadtteile",
        "Districts",
        "stadtplanungsamt",
        ["REGI"],
        "NEVER",
        "points",
        ["Stadtteile", "Verwaltungsgrenzen"],
        "Stadtteile mit Einwohnerzahl (Mittelpunkte).",
        "Districts with population (centre points).",
    ),
    (
        "einwohner-stadtteile",
        "Einwohner je Stadtteil",
        "Inhabitants per district",
        "stadtplanungsamt",
        ["SOCI", "REGI"],
        "ANNUAL",
        "table",
        ["Bevölkerung"],
        "Einwohnerzahl je Stadtteil zum Jahresende.",
        "Inhabitants per district at year end.",
    ),
    (
        "spielplaetze",
        "Spielplätze",
        "Playgrounds",
        "gruenflaechenamt",
        ["SOCI", "EDUC"],
        "ANNUAL",
        "points",
        ["Spielplatz"],
        "Öffentliche Spielplätze mit Altersgruppen.",
        "Public playgrounds with age groups.",
    ),
    (
        "baeume",
        "Straßenbäume",
        "Street trees",
        "gruenflaechenamt",
        ["ENVI"],
        "ANNUAL",
        "points",
        ["Bäume", "Grün"],
        "Baumkataster der Straßenbäume mit Art und Pflanzjahr.",
        "Register of street trees with species and planting year.",
    ),
    (
        "kuehle-orte",
        "Kühle Orte",
        "Cool places",
        "umweltamt",
        ["HEAL", "ENVI"],
        "ANNUAL",
        "points",
        ["Hitze", "Klimaanpassung"],
        "Schattige und kühle Orte für heiße Tage.",
        "Shady and cool places for hot days.",
    ),
    (
        "trinkbrunnen",
        "Trinkbrunnen",
        "Drinking fountains",
        "stadtwerke",
        ["HEAL"],
        "ANNUAL",
        "points",
        ["Wasser", "Hitze"],
        "Öffentliche Trinkbrunnen.",
        "Public drinking fountains.",
    ),
    (
        "wassernetz-druck",
        "Druck im Trinkwassernetz",
        "Drinking water network pressure",
        "stadtwerke",
        ["ENVI"],
        "DAILY",
        "series",
        ["Wasser"],
        "Tagesmittel des Netzdrucks je Versorgungszone (ohne Lage der Sensoren).",
        "Daily mean network pressure per supply zone (without sensor locations).",
    ),
    (
        "defibrillatoren",
        "Defibrillatoren",
        "Defibrillators",
        "ordnungsamt",
        ["HEAL", "JUST"],
        "QUARTERLY",
        "points",
        ["Notfall"],
        "Öffentlich zugängliche Defibrillatoren.",
        "Publicly accessible defibrillators.",
    ),
    (
        "schulen",
        "Schulen",
        "Schools",
        "stadtplanungsamt",
        ["EDUC"],
        "ANNUAL",
        "points",
        ["Schule", "Bildung"],
        "Schulen mit Schulform.",
        "Schools with type of school.",
    ),
    (
        "kitas",
        "Kindertagesstätten",
        "Day-care centres",
        "stadtplanungsamt",
        ["EDUC", "SOCI"],
        "ANNUAL",
        "points",
        ["Kita"],
        "Kindertagesstätten mit Plätzen.",
        "Day-care centres with places.",
    ),
    (
        "buergerdienste",
        "Online-Bürgerdienste",
        "Online citizen services",
        "digitalisierung",
        ["GOVE"],
        "QUARTERLY",
        "table",
        ["Verwaltung", "Onlinezugangsgesetz"],
        "Verfügbare Online-Dienste der Verwaltung mit Reifegrad.",
        "Available online services of the administration with maturity level.",
    ),
    (
        "haushalt-smart-city",
        "Smart-City-Haushalt",
        "Smart-City budget",
        "smart-city",
        ["GOVE", "ECON"],
        "ANNUAL",
        "table",
        ["Haushalt", "Förderung"],
        "Ausgaben und Fördermittel der Smart-City-Projekte je Handlungsfeld.",
        "Spending and funding of the Smart-City projects per action field.",
    ),
    (
        "prioritaeten-handlungsfelder",
        "Priorität der Handlungsfelder (Studie)",
        "Priority of action fields (study)",
        "smart-city",
        ["GOVE"],
        "NEVER",
        "table",
        ["Strategie", "Umfrage"],
        "Rangfolge der Handlungsfelder aus der Befragung der Studie, nach Befragtengruppe.",
        "Ranking of the action fields from the study's survey, by group of respondents.",
    ),
    (
        "veranstaltungen-beteiligung",
        "Beteiligungsveranstaltungen",
        "Participation events",
        "smart-city",
        ["GOVE", "SOCI"],
        "MONTHLY",
        "table",
        ["Beteiligung"],
        "Veranstaltungen der Bürgerbeteiligung mit Teilnehmendenzahl.",
        "Participation events with number of participants.",
    ),
    (
        "gewerbeflaechen",
        "Gewerbeflächen",
        "Commercial sites",
        "stadtplanungsamt",
        ["ECON"],
        "ANNUAL",
        "points",
        ["Wirtschaft"],
        "Verfügbare Gewerbeflächen mit Größe.",
        "Available commercial sites with size.",
    ),
]


def publishers_ensure(city: DemoCity) -> dict[str, Publisher]:
    publishers = {}
    for slug, department in city.departments.items():
        publisher, _ = Publisher.objects.update_or_create(
            name=slug,
            defaults={
                "title": department.name,
                "title_en": department.name_en,
                "email": department.email,
                "department": department,
                "description": department.responsibilities,
            },
        )
        publishers[slug] = publisher
    return publishers


# The portal's own APIs, listed in the catalogue as data services (dcat:DataService).
SERVICES = [
    (
        "ckan-action-api",
        "CKAN-kompatible Action API",
        "CKAN-compatible Action API",
        "Suche, Metadaten und Tabellenabfragen für Werkzeuge, die CKAN sprechen.",
        "Search, metadata and table queries for tools that speak CKAN.",
        "/api/3/action/",
        "",
        "https://docs.ckan.org/en/2.10/api/",
        True,
    ),
    (
        "dcat-ap-de",
        "DCAT-AP.de-Katalog",
        "DCAT-AP.de catalogue",
        "Der ganze Katalog als RDF (Turtle, RDF/XML, JSON-LD) für GovData und andere Portale.",
        "The whole catalogue as RDF (Turtle, RDF/XML, JSON-LD) for GovData and other portals.",
        "/catalog.ttl",
        "",
        "http://dcat-ap.de/def/dcatde/3.0",
        True,
    ),
    (
        "portal-rest-api",
        "REST-API des Portals",
        "Portal REST API",
        "Datensätze, Verteilungen und Organisationen als JSON, beschrieben mit OpenAPI.",
        "Datasets, distributions and organisations as JSON, described with OpenAPI.",
        "/api/v1/",
        "/api/schema/",
        "https://spec.openapis.org/oas/v3.0.3",
        True,
    ),
]


def services_ensure(publisher: Publisher) -> None:
    for name, title, title_en, text, text_en, endpoint, described, standard, every in SERVICES:
        DataService.objects.get_or_create(
            name=name,
            defaults={
                "title": title,
                "title_en": title_en,
                "description": text,
                "description_en": text_en,
                "publisher": publisher,
                "endpoint_path": endpoint,
                "endpoint_description_path": described,
                "conforms_to": standard,
                "serves_all_datasets": every,
            },
        )


def _random_point(rng: random.Random, area: MultiPolygon) -> Point:
    xmin, ymin, xmax, ymax = area.extent
    while True:
        point = Point(rng.uniform(xmin, xmax), rng.uniform(ymin, ymax), srid=4326)
        if area.contains(point):
            return point


def _csv(rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _files(kind: str, name: str, title: str, city: DemoCity) -> dict[str, bytes]:
    """Generated content for one dataset, deterministic per name."""
    rng = random.Random(name)  # noqa: S311 - reproducible demo data, not security
    districts = list(city.districts.values())
    if kind == "points":
        features, rows = [], [["id", "name", "stadtteil", "lat", "lon", "wert"]]
        for number in range(1, rng.randint(12, 40)):
            district = rng.choice(districts)
            point = _random_point(rng, district.area)
            value = rng.randint(1, 500)
            label = f"{title} {number}"
            features.append(
                {
                    "type": "Feature",
                    "geometry": {
                        "type": "Point",
                        "coordinates": [round(point.x, 6), round(point.y, 6)],
                    },
                    "properties": {
                        "id": number,
                        "name": label,
                        "stadtteil": district.name,
                        "wert": value,
                    },
                }
            )
            rows.append([number, label, district.name, round(point.y, 6), round(point.x, 6), value])
        geojson = json.dumps(
            {"type": "FeatureCollection", "features": features}, ensure_ascii=False
        ).encode("utf-8")
        return {"CSV": _csv(rows), "GEOJSON": geojson}
    if kind == "series":
        rows = [["datum", "stadtteil", "wert"]]
        today = city.now.date()
        for day in range(60, 0, -1):
            for district in districts:
                rows.append(
                    [
                        (today - timedelta(days=day)).isoformat(),
                        district.name,
                        round(rng.uniform(10, 100), 1),
                    ]
                )
        return {"CSV": _csv(rows)}
    rows = [["kategorie", "wert", "anteil_prozent"]]
    for number in range(1, 13):
        rows.append([f"Kategorie {number}", rng.randint(5, 900), round(rng.uniform(1, 30), 1)])
    return {"CSV": _csv(rows)}


@transaction.atomic
def seed(city: DemoCity) -> None:
    publishers = publishers_ensure(city)
    city_area = MultiPolygon(
        *[polygon for d in city.districts.values() for polygon in d.area], srid=4326
    ).unary_union
    if city_area.geom_type == "Polygon":
        city_area = MultiPolygon(city_area, srid=4326)
    # The migration creates the vocabulary; a flushed test database has lost it.
    all_themes = {code: DataTheme.objects.get_or_create(code=code)[0] for code in Theme.values}
    for index, row in enumerate(DATASETS):
        (
            name,
            title,
            title_en,
            publisher,
            themes,
            frequency,
            kind,
            keywords,
            description,
            description_en,
        ) = row
        if Dataset.objects.filter(name=name).exists():
            continue  # editors may have changed it: never overwrite
        dataset = Dataset(
            name=name,
            **{
                "state": Dataset.State.PUBLISHED,
                "title": title,
                "title_en": title_en,
                "description": description,
                "description_en": description_en,
                "publisher": publishers[publisher],
                "contact_name": publishers[publisher].title,
                "contact_email": publishers[publisher].email,
                "licence": "dl-zero-de/2.0" if index % 3 == 0 else "dl-by-de/2.0",
                "attribution": f"Stadt {city.name}",
                "issued": (city.now - timedelta(days=30 * (index % 24) + 40)).date(),
                "modified": city.now - timedelta(days=index % 20),
                "accrual_periodicity": frequency,
                "temporal_start": (city.now - timedelta(days=365)).date(),
                "spatial": city_area,
                "political_geocoding_uri": MUNICIPALITY_KEY,
                "access_rights": "PUBLIC",
                "provenance": "Erhoben von der Stadt Lindenhafen (Demonstrationsdaten).",
                "version": "1.0",
            },
        )
        dataset.themes = [all_themes[code] for code in themes]
        dataset.keywords.add(*keywords)
        distributions = []
        for position, (file_format, content) in enumerate(_files(kind, name, title, city).items()):
            extension = "geojson" if file_format == "GEOJSON" else "csv"
            distribution = Distribution(
                title=f"{title} ({file_format.replace('GEOJSON', 'GeoJSON')})",
                format=file_format,
                licence=dataset.licence,
                position=position,
                byte_size=len(content),
                checksum_sha256=hashlib.sha256(content).hexdigest(),
            )
            distribution.file.save(f"{name}.{extension}", ContentFile(content), save=False)
            distributions.append(distribution)
        dataset.distributions = distributions
        dataset_save(dataset=dataset, user=None, source="import")
    services_ensure(publishers["smart-city"])
    city.log(f"{len(DATASETS)} datasets from {len(publishers)} publishers with CSV/GeoJSON files")
