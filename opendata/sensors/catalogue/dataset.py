"""A published datastream's catalogue dataset: terms, publisher, texts, and the link itself.

See the package docstring for what the dataset holds and when it is withdrawn.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.gis.geos import MultiPolygon, Polygon
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from opendata.catalogue.models import DataService, Dataset, DataTheme, Distribution, Publisher
from opendata.catalogue.services import dataset_publish, dataset_save, distribution_save
from opendata.catalogue.vocabularies import FileFormat, Frequency, Licence
from opendata.sensors.models import Datastream, Release
from opendata.sensors.publication import REFUSED_BUDGET

logger = logging.getLogger(__name__)

PUBLISHED_CLASSES = (Datastream.PrivacyClass.PUBLIC, Datastream.PrivacyClass.PERSON_DERIVED)
LICENCE = Licence.DL_BY_DE_2
MONTH_CLOSE_GRACE = timedelta(days=2)
STA_ROOT = "/sta/v1.1/"
SENSORTHINGS_SERVICE = {
    "name": "sensorthings-api",
    "title": "SensorThings-API",
    "title_en": "SensorThings API",
    "description": (
        "Veröffentlichte, anonymisierte Sensordaten nach OGC SensorThings 1.1 (nur lesend): "
        "Things, Datastreams, Observations mit $filter, $expand und Paging."
    ),
    "description_en": (
        "Published, anonymised sensor data after OGC SensorThings 1.1 (read-only): "
        "Things, Datastreams, Observations with $filter, $expand and paging."
    ),
    "endpoint_path": STA_ROOT,
    "conforms_to": "http://www.opengis.net/doc/is/sensorthings/1.1",
    "licence": LICENCE,
}
CSV_HEADER = ["zeitraum_beginn", "zeitraum_ende", "wert", "einheit", "raumeinheit"]
MONTH_FILE = re.compile(r"^sensor-(?P<stream>\d+)-(?P<month>\d{4}-\d{2})(_\w+)?\.csv$")


@dataclass(frozen=True)
class PropertyTerms:
    german: str
    themes: tuple[str, ...]
    keywords: tuple[str, ...]


# By the observed property's definition URI (exactly, or its last path segment).
PROPERTY_TERMS = {
    "http://dd.eionet.europa.eu/vocabulary/aq/pollutant/6001": PropertyTerms(
        "Feinstaub PM2,5", ("ENVI", "HEAL"), ("Luftqualität", "Feinstaub")
    ),
    "http://dd.eionet.europa.eu/vocabulary/aq/pollutant/5": PropertyTerms(
        "Feinstaub PM10", ("ENVI", "HEAL"), ("Luftqualität", "Feinstaub")
    ),
    "http://dd.eionet.europa.eu/vocabulary/aq/pollutant/8": PropertyTerms(
        "Stickstoffdioxid (NO2)", ("ENVI", "HEAL"), ("Luftqualität", "Stickstoffdioxid")
    ),
    "free-parking-spaces": PropertyTerms("Freie Stellplätze", ("TRAN",), ("Parken",)),
    "occupied-parking-spaces": PropertyTerms("Belegte Stellplätze", ("TRAN",), ("Parken",)),
    "fill-level": PropertyTerms("Füllstand", ("ENVI",), ("Abfall", "Füllstand")),
    "pedestrian-count": PropertyTerms("Fußgängerzählung", ("TRAN",), ("Fußverkehr", "Zählung")),
    "bicycle-count": PropertyTerms("Radverkehrszählung", ("TRAN",), ("Radverkehr", "Zählung")),
    "wifi-device-presence": PropertyTerms(
        "WLAN-Geräte (anonymisiert)", ("SOCI",), ("Passantenfrequenz", "WLAN")
    ),
    "water-level": PropertyTerms("Wasserstand", ("ENVI",), ("Pegel", "Hochwasser")),
    "lamp-status": PropertyTerms("Leuchtenstatus", ("ENER",), ("Straßenbeleuchtung",)),
    "lamp-energy": PropertyTerms(
        "Energieverbrauch der Leuchte", ("ENER",), ("Straßenbeleuchtung", "Energie")
    ),
    "charging-point-occupied": PropertyTerms(
        "Belegung des Ladepunkts", ("TRAN", "ENER"), ("Elektromobilität", "Laden")
    ),
    "noise": PropertyTerms("Lärm", ("ENVI", "HEAL"), ("Lärm",)),
    "traffic-count": PropertyTerms("Verkehrszählung", ("TRAN",), ("Verkehr", "Zählung")),
    "district-energy": PropertyTerms("Quartiersenergie", ("ENER",), ("Energie", "Wärme")),
}
# Words in a property's name or definition for streams the table does not know.
THEME_WORDS = (
    (("park", "traffic", "bike", "bicycle", "pedestrian", "charging", "verkehr"), "TRAN"),
    (("energy", "power", "lamp", "light", "heat", "energie"), "ENER"),
    (("pm", "no2", "air", "noise", "water", "fill", "temperature", "luft"), "ENVI"),
)


def property_terms(datastream: Datastream) -> PropertyTerms:
    prop = datastream.observed_property
    definition = prop.definition.rstrip("/")
    known = PROPERTY_TERMS.get(definition) or PROPERTY_TERMS.get(definition.rsplit("/", 1)[-1])
    if known:
        return known
    words = f"{prop.name} {definition}".lower()
    themes = tuple(theme for needles, theme in THEME_WORDS if any(n in words for n in needles))
    return PropertyTerms(prop.name, themes or ("REGI",), ())


def is_published_class(datastream: Datastream) -> bool:
    return datastream.privacy_class in PUBLISHED_CLASSES


# --- publishers and the data service ---------------------------------------------------------


def city_publisher() -> Publisher | None:
    """The city's own publisher: the Smart-City office's, else the first one."""
    return (
        Publisher.objects.filter(department__slug="smart-city").first()
        or Publisher.objects.order_by("title").first()
    )


def publisher_for(datastream: Datastream) -> Publisher | None:
    operator_id = datastream.thing.operator_id
    if operator_id:
        publisher = Publisher.objects.filter(department_id=operator_id).first()
        if publisher:
            return publisher
    return city_publisher()


def sensorthings_service_ensure(*, publisher: Publisher) -> DataService:
    """The "SensorThings API" entry among the portal's data services (created once)."""
    service, _created = DataService.objects.get_or_create(
        name=SENSORTHINGS_SERVICE["name"],
        defaults={
            **{key: value for key, value in SENSORTHINGS_SERVICE.items() if key != "name"},
            "publisher": publisher,
            "serves_all_datasets": False,
        },
    )
    return service


# --- texts -------------------------------------------------------------------------------------


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _unit(datastream: Datastream) -> str:
    return datastream.unit_symbol or datastream.unit_name


def _place(datastream: Datastream) -> tuple[str, str]:
    """The thing's name and its district's name (or empty)."""
    location = datastream.thing.locations.select_related("district").first()
    district = location.district.name if location and location.district else ""
    return datastream.thing.name, district


def provenance_texts(datastream: Datastream, release: Release | None) -> tuple[str, str]:
    """German and English lineage of the published values of `datastream`."""
    window = datastream.window_minutes
    german = [f"Aus Rohmesswerten in Zeitfenstern von {window} Minuten zusammengefasst."]
    english = [f"Aggregated from raw readings over windows of {window} minutes."]
    if datastream.privacy_class == Datastream.PrivacyClass.PERSON_DERIVED:
        k = datastream.k_minimum
        german.append(
            f"Personenbezogen: Zellen mit weniger als k = {k} Personen oder Haushalten werden "
            "unterdrückt, mit ergänzender Unterdrückung, sodass Summen sie nicht verraten; "
            "Kennungen werden beim Empfang mit einem täglich wechselnden Schlüssel "
            "pseudonymisiert und nie veröffentlicht."
        )
        english.append(
            f"Person-derived: cells of fewer than k = {k} people or households are suppressed, "
            "with complementary suppression so that totals cannot reveal them; identifiers are "
            "pseudonymised on receipt under a key that changes daily and are never published."
        )
    if datastream.noise_epsilon_per_day:
        epsilon = _number(datastream.noise_epsilon_per_day)
        german.append(
            f"Kalibriertes Rauschen (OpenDP), Datenschutzbudget ε = {epsilon} je Tag, "
            "in einem Register abgerechnet."
        )
        english.append(
            f"Calibrated noise (OpenDP), privacy budget ε = {epsilon} per day, "
            "accounted in a ledger."
        )
    if release is not None:
        german.append(f"Verfahren: {release.method}; Codeversion: {release.code_version}.")
        english.append(f"Method: {release.method}; code version: {release.code_version}.")
    return " ".join(german), " ".join(english)


def _texts(datastream: Datastream) -> dict[str, str]:
    terms = property_terms(datastream)
    thing, district = _place(datastream)
    where_de = f" im Stadtteil {district}" if district else ""
    where_en = f" in the district of {district}" if district else ""
    unit = _unit(datastream)
    unit_de = f" Einheit: {unit}." if unit else ""
    unit_en = f" Unit: {unit}." if unit else ""
    minutes = datastream.window_minutes
    return {
        "title": f"{terms.german}: {thing}"[:250],
        "title_en": f"{datastream.observed_property.name}: {thing}"[:250],
        "description": (
            f"{terms.german} der Messstelle „{thing}“{where_de}, veröffentlicht als Werte je "
            f"{minutes} Minuten.{unit_de} Aktuelle Werte über die SensorThings-API, "
            "abgeschlossene Monate als CSV-Dateien."
        ),
        "description_en": (
            f"{datastream.observed_property.name} at “{thing}”{where_en}, published as values "
            f"per {minutes} minutes.{unit_en} {datastream.thing.description} Current values "
            "through the SensorThings API, months as CSV files."
        ).replace("  ", " "),
    }


def _spatial(datastream: Datastream) -> MultiPolygon | None:
    """The district's area, else a small square around the thing's location."""
    location = datastream.thing.locations.select_related("district").first()
    if location is None:
        return None
    if location.district is not None:
        return location.district.area
    x, y = location.location.x, location.location.y
    d = 0.0005
    square = Polygon(
        ((x - d, y - d), (x + d, y - d), (x + d, y + d), (x - d, y + d), (x - d, y - d))
    )
    return MultiPolygon(square, srid=4326)


def observations_address(datastream: Datastream) -> str:
    return f"{settings.PORTAL_BASE_URL}{STA_ROOT}Datastreams({datastream.pk})/Observations"


# --- the dataset -------------------------------------------------------------------------------


def _dataset_name(datastream: Datastream, title: str) -> str:
    base = f"sensor-{datastream.pk}-{slugify(title.replace('ß', 'ss'))}"
    return base[:100].rstrip("-")


def _state_of(dataset: Dataset) -> tuple:
    return (
        tuple(
            getattr(dataset, field)
            for field in (
                "title",
                "title_en",
                "description",
                "description_en",
                "publisher_id",
                "contact_name",
                "contact_email",
                "provenance",
                "accrual_periodicity",
            )
        ),
        dataset.spatial.wkt if dataset.spatial else "",
        tuple(sorted(t.code for t in dataset.themes.all())) if dataset.pk else (),
        tuple(sorted(dataset.keywords.names())) if dataset.pk else (),
    )


def _dataset_by_api_address(datastream: Datastream) -> Dataset | None:
    """The stream's dataset found by its SensorThings distribution (if the link was cleared)."""
    return Dataset.objects.filter(
        datastream__isnull=True,
        distributions__format=FileFormat.API,
        distributions__url__endswith=f"{STA_ROOT}Datastreams({datastream.pk})/Observations",
    ).first()


@transaction.atomic
def datastream_dataset_link(*, datastream: Datastream) -> Dataset | None:
    """Create or update the catalogue dataset of a published datastream (idempotent).

    Returns None (and withdraws an existing dataset to draft) for critical infrastructure.
    A dataset is published when it is created; later runs keep the state editors chose.
    """
    datastream = Datastream.objects.select_related("thing", "observed_property", "dataset").get(
        pk=datastream.pk
    )
    dataset = datastream.dataset or _dataset_by_api_address(datastream)
    if dataset is not None and datastream.dataset_id != dataset.pk:
        Datastream.objects.filter(pk=datastream.pk).update(dataset=dataset)  # link was lost
    if not is_published_class(datastream):
        if dataset is not None and dataset.state == Dataset.State.PUBLISHED:
            dataset.state = Dataset.State.DRAFT
            dataset_save(dataset=dataset, source="system")
        return None
    publisher = publisher_for(datastream)
    if publisher is None:
        logger.warning("no catalogue publisher: datastream %s is not linked", datastream.pk)
        return None
    service = sensorthings_service_ensure(publisher=city_publisher() or publisher)
    terms = property_terms(datastream)
    release = (
        Release.objects.filter(datastream=datastream)
        .exclude(method=REFUSED_BUDGET)  # a refusal published nothing to describe
        .order_by("-created_at", "-pk")
        .first()
    )
    created = dataset is None
    if dataset is None:
        dataset = Dataset(state=Dataset.State.DRAFT, licence=LICENCE)
    before = None if created else _state_of(dataset)
    for field, text in _texts(datastream).items():
        setattr(dataset, field, text)
    dataset.publisher = publisher
    dataset.contact_name = publisher.title
    dataset.contact_email = publisher.email
    dataset.attribution = dataset.attribution or f"Stadt {settings.PORTAL_CITY_NAME}"
    dataset.accrual_periodicity = Frequency.CONTINUOUS
    dataset.provenance = provenance_texts(datastream, release)[0]
    dataset.spatial = _spatial(datastream)
    if created:
        dataset.name = _dataset_name(datastream, dataset.title_en or dataset.title)
        dataset.issued = timezone.localdate()
        dataset.temporal_start = datastream.created_at.date()
    dataset.themes = [DataTheme.objects.get_or_create(code=code)[0] for code in terms.themes]
    dataset.keywords.set(["Sensordaten", "SensorThings", *terms.keywords])
    if created or before != _state_of(dataset):
        dataset.modified = timezone.now()
        dataset_save(dataset=dataset, source="system")
    if created:
        Datastream.objects.filter(pk=datastream.pk).update(dataset=dataset)
    _api_distribution_ensure(dataset, datastream)
    service.serves_datasets.add(dataset)
    if created:
        dataset_publish(dataset=dataset)
    return dataset


def _api_distribution_ensure(dataset: Dataset, datastream: Datastream) -> Distribution:
    address = observations_address(datastream)
    distribution = dataset.distributions.filter(
        format=FileFormat.API, url__contains=STA_ROOT
    ).first() or Distribution(dataset=dataset, format=FileFormat.API, position=0)
    values = {
        "title": "SensorThings-API: Beobachtungen",
        "description": (
            "Die veröffentlichten Werte dieses Datenstroms als SensorThings-Observations "
            "(JSON, mit $filter, $orderby und Paging)."
        ),
        "url": address,
        "licence": dataset.licence,
    }
    if distribution.pk and all(getattr(distribution, k) == v for k, v in values.items()):
        return distribution
    for field, value in values.items():
        setattr(distribution, field, value)
    return distribution_save(distribution=distribution)
