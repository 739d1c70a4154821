"""Every published datastream as a catalogue dataset, with monthly CSV files and the STA API.

A datastream of privacy class ``public`` or ``person_derived`` gets one catalogue dataset
(``Datastream.dataset``), created once and kept in step with the stream afterwards. Its
distributions:

- one pointing at the stream's observations in the SensorThings API
  (``/sta/v1.1/Datastreams(<id>)/Observations``), whose DCAT ``accessService`` is the
  "SensorThings API" data service;
- one CSV file per calendar month (Europe/Berlin) of the *published* values: non-suppressed
  cells of releases only, never raw readings and never pseudonyms. The file of the running
  month is rewritten when its content changes; a month is closed (``availability=STABLE``)
  and never rewritten once it ended more than ``MONTH_CLOSE_GRACE`` ago, so that late
  windows are still in it. Files take the catalogue's normal path: they are checked like an
  upload (``Distribution.full_clean``), and saving one loads it into the data store.

Months are found by the file name ``sensor-<datastream id>-<YYYY-MM>.csv``. Critical
infrastructure (``critical_internal``) never gets a dataset; a stream moved to that class
has its dataset withdrawn to draft.

For DCAT (``opendata.catalogue.rdf``): ``add_sensor_provenance`` writes ``dct:provenance``
(German and English) and ``prov:wasGeneratedBy`` from the newest release.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import PurePath

from django.conf import settings
from django.contrib.gis.geos import MultiPolygon, Polygon
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.text import slugify
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, XSD

from opendata.catalogue import history
from opendata.catalogue.models import DataService, Dataset, DataTheme, Distribution, Publisher
from opendata.catalogue.rdf import PROV
from opendata.catalogue.services import dataset_publish
from opendata.catalogue.vocabularies import FileFormat, Frequency, Licence
from opendata.sensors.models import Datastream, PublishedObservation, Release
from opendata.sensors.publish import REFUSED_BUDGET

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
            with history.changes_by(None, "system"):
                dataset.save()
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
    if created:
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
        with history.changes_by(None, "system"):
            dataset.save()
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
    distribution.save()
    return distribution


# --- monthly CSV files -------------------------------------------------------------------------


def _month_start(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, 1))


def _next_month(start: datetime) -> datetime:
    local = timezone.localtime(start)
    year, month = (local.year + 1, 1) if local.month == 12 else (local.year, local.month + 1)
    return timezone.make_aware(datetime(year, month, 1))


def month_csv(datastream: Datastream, start: datetime, end: datetime) -> bytes | None:
    """The published, non-suppressed values of one month as CSV; None when there are none."""
    rows = (
        PublishedObservation.objects.filter(
            datastream=datastream,
            suppressed=False,
            result__isnull=False,
            phenomenon_time_start__gte=start,
            phenomenon_time_start__lt=end,
        )
        .order_by("phenomenon_time_start", "cell", "pk")
        .values_list("phenomenon_time_start", "phenomenon_time_end", "result", "cell")
    )
    unit = _unit(datastream)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    count = 0
    for begin, finish, result, cell in rows.iterator(chunk_size=5000):
        writer.writerow([_utc(begin), _utc(finish), _number(result), unit, cell])
        count += 1
    return buffer.getvalue().encode("utf-8") if count else None


def _utc(moment: datetime) -> str:
    return moment.astimezone(timezone.get_fixed_timezone(0)).isoformat().replace("+00:00", "Z")


def _month_distributions(dataset: Dataset, datastream: Datastream) -> dict[str, Distribution]:
    found = {}
    for distribution in dataset.distributions.filter(format=FileFormat.CSV).exclude(file=""):
        match = MONTH_FILE.match(PurePath(distribution.file.name).name)
        if match and int(match["stream"]) == datastream.pk:
            found[match["month"]] = distribution
    return found


def _first_published(datastream: Datastream) -> datetime | None:
    return (
        PublishedObservation.objects.filter(datastream=datastream, suppressed=False)
        .order_by("phenomenon_time_start")
        .values_list("phenomenon_time_start", flat=True)
        .first()
    )


@dataclass
class MonthlyResult:
    written: list[str]
    closed: list[str]


def datastream_monthly_csvs_update(
    *, datastream: Datastream, now: datetime | None = None
) -> MonthlyResult:
    """Write the CSV of every month not yet closed; close the months that are over.

    Unchanged content is not written again (same checksum), so a re-run changes nothing.
    """
    now = now or timezone.now()
    result = MonthlyResult(written=[], closed=[])
    datastream = Datastream.objects.select_related("dataset").get(pk=datastream.pk)
    dataset = datastream.dataset
    if dataset is None or not is_published_class(datastream):
        return result
    first = _first_published(datastream)
    if first is None:
        return result
    existing = _month_distributions(dataset, datastream)
    start = _month_start(timezone.localtime(first).date())
    while start <= now:
        end = _next_month(start)
        label = timezone.localtime(start).strftime("%Y-%m")
        distribution = existing.get(label)
        closing = end + MONTH_CLOSE_GRACE <= now
        if distribution is None or distribution.availability != Distribution.Availability.STABLE:
            content = month_csv(datastream, start, end)
            if content is not None:
                if _month_file_write(dataset, datastream, label, content, distribution, closing):
                    result.written.append(label)
                if closing:
                    result.closed.append(label)
        start = end
    return result


def _month_file_write(
    dataset: Dataset,
    datastream: Datastream,
    label: str,
    content: bytes,
    distribution: Distribution | None,
    closing: bool,
) -> bool:
    """Store one month's file through the catalogue's checks; False when nothing changed."""
    checksum = hashlib.sha256(content).hexdigest()
    availability = (
        Distribution.Availability.STABLE if closing else Distribution.Availability.AVAILABLE
    )
    same_content = distribution is not None and distribution.checksum_sha256 == checksum
    if same_content and distribution.availability == availability:
        return False
    old_file = distribution.file.name if distribution is not None else ""
    distribution = distribution or Distribution(dataset=dataset, format=FileFormat.CSV)
    distribution.title = f"Messwerte {label} (CSV)"
    distribution.description = (
        f"Veröffentlichte Werte des Monats {label}: Beginn und Ende des Zeitfensters (UTC), "
        "Wert, Einheit, Raumeinheit. "
        + ("Abgeschlossener Monat." if closing else "Laufender Monat, wird stündlich ergänzt.")
    )
    distribution.licence = dataset.licence
    distribution.availability = availability
    distribution.position = 1
    distribution.byte_size = len(content)
    distribution.checksum_sha256 = checksum
    if not same_content:
        distribution.file = ContentFile(content, name=f"sensor-{datastream.pk}-{label}.csv")
    distribution.full_clean()  # the upload checks of the catalogue (format, encoding)
    with transaction.atomic():
        distribution.save()  # the data store loads the file after commit
        Dataset.objects.filter(pk=dataset.pk).update(modified=timezone.now())
    if old_file and old_file != distribution.file.name:
        distribution.file.storage.delete(old_file)
    return True


def datastream_catalogue_update(*, datastream: Datastream) -> MonthlyResult | None:
    """Link the stream to its dataset and bring its monthly files up to date."""
    if datastream_dataset_link(datastream=datastream) is None:
        return None
    return datastream_monthly_csvs_update(datastream=datastream)


def datastreams_to_link() -> Iterable[int]:
    return Datastream.objects.filter(privacy_class__in=PUBLISHED_CLASSES).values_list(
        "pk", flat=True
    )


# --- DCAT provenance ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SensorPublication:
    datastream: Datastream
    release: Release | None


_ATTRIBUTE = "_sensor_publication"


def sensor_publications_prefetch(datasets: Iterable[Dataset]) -> None:
    """Attach each dataset's datastream and newest release in two queries (for lists)."""
    datasets = list(datasets)
    newest = (
        Release.objects.filter(datastream=OuterRef("pk"))
        .exclude(method=REFUSED_BUDGET)
        .order_by("-created_at", "-pk")
        .values("pk")
    )
    streams = {
        stream.dataset_id: stream
        for stream in Datastream.objects.filter(
            dataset__in=[d.pk for d in datasets], privacy_class__in=PUBLISHED_CLASSES
        ).annotate(newest_release_id=Subquery(newest[:1]))
    }
    releases = Release.objects.in_bulk(
        [s.newest_release_id for s in streams.values() if s.newest_release_id]
    )
    for dataset in datasets:
        stream = streams.get(dataset.pk)
        publication = None
        if stream is not None:
            publication = SensorPublication(stream, releases.get(stream.newest_release_id))
        setattr(dataset, _ATTRIBUTE, publication)


def sensor_publication_of(dataset: Dataset) -> SensorPublication | None:
    if not hasattr(dataset, _ATTRIBUTE):
        sensor_publications_prefetch([dataset])
    return getattr(dataset, _ATTRIBUTE)


def add_sensor_provenance(graph: Graph, node: URIRef, dataset: Dataset) -> bool:
    """``dct:provenance`` and ``prov:wasGeneratedBy`` of a sensor dataset; False for others."""
    publication = sensor_publication_of(dataset)
    if publication is None:
        return False
    stream, release = publication.datastream, publication.release
    german, english = provenance_texts(stream, release)
    statement = BNode()
    graph.add((statement, RDF.type, DCTERMS.ProvenanceStatement))
    graph.add((statement, RDFS.label, Literal(german, lang="de")))
    graph.add((statement, RDFS.label, Literal(english, lang="en")))
    graph.add((node, DCTERMS.provenance, statement))

    activity = BNode()
    graph.add((activity, RDF.type, PROV.Activity))
    graph.add((activity, RDFS.label, Literal("Veröffentlichungsjob des Datenstroms", lang="de")))
    graph.add((activity, RDFS.label, Literal("Publication job of the datastream", lang="en")))
    plan = BNode()
    graph.add((plan, RDF.type, PROV.Plan))
    graph.add((plan, RDF.type, PROV.Entity))
    association = BNode()
    graph.add((association, RDF.type, PROV.Association))
    graph.add((association, PROV.hadPlan, plan))
    graph.add((activity, PROV.qualifiedAssociation, association))
    parameters = {
        "window_minutes": stream.window_minutes,
        "k_minimum": stream.k_minimum
        if stream.privacy_class == Datastream.PrivacyClass.PERSON_DERIVED
        else None,
        "noise_epsilon_per_day": stream.noise_epsilon_per_day,
    }
    if release is not None:
        parameters.update(release.parameters or {})
        graph.add((plan, RDFS.label, Literal(release.method)))
        graph.add((plan, OWL.versionInfo, Literal(release.code_version)))
        graph.add(
            (activity, PROV.startedAtTime, Literal(release.created_at, datatype=XSD.dateTime))
        )
        graph.add((activity, PROV.endedAtTime, Literal(release.created_at, datatype=XSD.dateTime)))
    parameters = {key: value for key, value in parameters.items() if value is not None}
    graph.add(
        (
            plan,
            DCTERMS.description,
            Literal(json.dumps(parameters, sort_keys=True, ensure_ascii=False)),
        )
    )
    graph.add((node, PROV.wasGeneratedBy, activity))
    return True
