"""Published datastreams as catalogue datasets: metadata, monthly CSV files, DCAT provenance."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from rdflib import Graph
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS

from opendata.catalogue.models import DataService, Dataset, DatasetRecordChange, Distribution
from opendata.catalogue.rdf import PROV
from opendata.datastore.models import DatastoreTable
from opendata.sensors import catalogue as catalogue_link
from opendata.sensors.catalogue import (
    datastream_catalogue_update,
    datastream_dataset_link,
    datastream_monthly_csvs_update,
)
from opendata.sensors.models import Datastream, PublishedObservation, RawObservation, Release
from opendata.sensors.publication import REFUSED_BUDGET
from portal.core.models import Department, District
from tests.opendata.catalogue.test_dcat import (  # noqa: F401 - the fixture is used by name
    _validate,
    needs_standards,
    shapes_and_ontology,
)
from tests.opendata.sensors.conftest import CANARY, Station, iso, station_create

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 5, 20, 12, 0, tzinfo=UTC)
APRIL = datetime(2026, 4, 10, 8, 0, tzinfo=UTC)
MAY = datetime(2026, 5, 19, 8, 0, tzinfo=UTC)


@pytest.fixture
def gauge(demo_city) -> Station:
    station = station_create("Pegel Testbach")
    station.thing.operator = Department.objects.get(slug="stadtentwaesserung")
    station.thing.save()
    location = station.thing.locations.get()
    location.district = District.objects.order_by("number").first()
    location.save()
    return station


def _release(stream: Datastream, start: datetime, cells: dict[str, float | None]) -> Release:
    end = start + timedelta(minutes=stream.window_minutes)
    release = Release.objects.create(
        datastream=stream,
        window_start=start,
        window_end=end,
        created_at=end + timedelta(minutes=2),
        method="window-mean",
        parameters={"window_minutes": stream.window_minutes},
        code_version="1a2b3c4",
        digest="0" * 64,
    )
    for cell, value in cells.items():
        PublishedObservation.objects.create(
            datastream=stream,
            release=release,
            phenomenon_time_start=start,
            phenomenon_time_end=end,
            result_time=release.created_at,
            result=value,
            suppressed=value is None,
            cell=cell,
        )
    return release


def _rows(distribution: Distribution) -> list[list[str]]:
    with distribution.file.open("rb") as handle:
        return list(csv.reader(io.StringIO(handle.read().decode("utf-8"))))


def _months(dataset: Dataset) -> dict[str, Distribution]:
    return {
        d.title: d for d in Distribution.objects.filter(dataset=dataset, format="CSV").order_by()
    }


# --- the dataset -------------------------------------------------------------------------------


def test_published_stream_becomes_a_published_dataset_of_its_operator(gauge):
    dataset = datastream_dataset_link(datastream=gauge.level)

    gauge.level.refresh_from_db()
    assert gauge.level.dataset == dataset
    assert dataset.state == Dataset.State.PUBLISHED
    assert dataset.publisher.department.slug == "stadtentwaesserung"
    assert dataset.title.endswith("Pegel Testbach") and dataset.title_en
    assert dataset.description and dataset.description_en
    assert dataset.licence == "dl-by-de/2.0" and dataset.attribution
    assert dataset.accrual_periodicity == "UPDATE_CONT"
    assert dataset.spatial.equals(gauge.thing.locations.get().district.area)
    assert {"Sensordaten", "SensorThings"} <= set(dataset.keywords.names())
    assert dataset.theme_codes  # by observed property, REGI when nothing is known

    api = dataset.distributions.get(format="API")
    assert api.url.endswith(f"/sta/v1.1/Datastreams({gauge.level.pk})/Observations")
    service = DataService.objects.get(name="sensorthings-api")
    assert service.endpoint_path == "/sta/v1.1/"
    assert "sensorthings/1.1" in service.conforms_to
    assert dataset in service.serves_datasets.all()


def test_known_properties_get_german_titles_and_themes(demo_city):
    stream = Datastream.objects.filter(
        observed_property__definition__endswith="water-level", privacy_class="public"
    ).first()
    dataset = datastream_dataset_link(datastream=stream)
    assert dataset.title.startswith("Wasserstand: ")
    assert dataset.title_en.startswith("Water level: ")
    assert dataset.theme_codes == ["ENVI"]
    assert "Pegel" in dataset.keywords.names()


def test_linking_again_changes_nothing(gauge):
    first = datastream_dataset_link(datastream=gauge.level)
    versions = DatasetRecordChange.objects.filter(dataset=first).count()
    distributions = Distribution.objects.filter(dataset=first).count()

    second = datastream_dataset_link(datastream=gauge.level)

    assert second.pk == first.pk
    assert Dataset.objects.filter(name__startswith=f"sensor-{gauge.level.pk}-").count() == 1
    assert DatasetRecordChange.objects.filter(dataset=first).count() == versions
    assert Distribution.objects.filter(dataset=first).count() == distributions


def test_a_renamed_thing_updates_the_dataset_but_keeps_its_address(gauge):
    dataset = datastream_dataset_link(datastream=gauge.level)
    gauge.thing.name = "Pegel Neubach"
    gauge.thing.save()

    updated = datastream_dataset_link(datastream=gauge.level)

    assert updated.pk == dataset.pk and updated.name == dataset.name
    assert updated.title.endswith("Pegel Neubach")


def test_critical_infrastructure_never_gets_a_dataset(gauge):
    gauge.level.privacy_class = Datastream.PrivacyClass.CRITICAL_INTERNAL
    gauge.level.save()
    assert datastream_dataset_link(datastream=gauge.level) is None
    gauge.level.refresh_from_db()
    assert gauge.level.dataset is None
    assert gauge.level.pk not in set(catalogue_link.datastreams_to_link())


def test_a_stream_made_critical_has_its_dataset_withdrawn(gauge):
    dataset = datastream_dataset_link(datastream=gauge.level)
    gauge.level.refresh_from_db()
    gauge.level.privacy_class = Datastream.PrivacyClass.CRITICAL_INTERNAL
    gauge.level.save()

    datastream_dataset_link(datastream=gauge.level)

    dataset.refresh_from_db()
    assert dataset.state == Dataset.State.DRAFT
    assert not Dataset.objects.published().filter(pk=dataset.pk).exists()


def test_a_lost_link_is_found_again_by_the_api_distribution(gauge):
    dataset = datastream_dataset_link(datastream=gauge.level)
    Datastream.objects.filter(pk=gauge.level.pk).update(dataset=None)  # e.g. a stale save

    again = datastream_dataset_link(datastream=gauge.level)

    assert again.pk == dataset.pk
    gauge.level.refresh_from_db()
    assert gauge.level.dataset_id == dataset.pk


def test_demo_streams_are_linked_except_critical_ones(demo_city):
    published = Datastream.objects.filter(privacy_class__in=["public", "person_derived"])
    assert published.exists()
    assert not published.filter(dataset__isnull=True).exists()
    assert not Datastream.objects.filter(
        privacy_class="critical_internal", dataset__state="published"
    ).exists()
    # The back-fill published windows before the link: their month has a file.
    with_values = published.filter(published_observations__suppressed=False).distinct()
    assert with_values.exists()
    for stream in with_values:
        assert stream.dataset.distributions.filter(format="CSV").exists(), stream.name


# --- monthly CSV files -------------------------------------------------------------------------


def test_monthly_files_hold_published_cells_and_close_finished_months(
    gauge, django_capture_on_commit_callbacks
):
    datastream_dataset_link(datastream=gauge.level)
    _release(gauge.level, APRIL, {"": 123.5})
    _release(gauge.level, APRIL + timedelta(minutes=15), {"": 124.0})
    _release(gauge.level, MAY, {"": 98.25, "district:1": None})

    with django_capture_on_commit_callbacks(execute=True):
        result = datastream_monthly_csvs_update(datastream=gauge.level, now=NOW)

    assert result.written == ["2026-04", "2026-05"] and result.closed == ["2026-04"]
    gauge.level.refresh_from_db()
    months = _months(gauge.level.dataset)
    april, may = months["Messwerte 2026-04 (CSV)"], months["Messwerte 2026-05 (CSV)"]
    assert april.availability == "STABLE" and may.availability == "AVAILABLE"
    assert _rows(april) == [
        catalogue_link.CSV_HEADER,
        ["2026-04-10T08:00:00Z", "2026-04-10T08:15:00Z", "123.5", "cm", ""],
        ["2026-04-10T08:15:00Z", "2026-04-10T08:30:00Z", "124", "cm", ""],
    ]
    assert _rows(may)[1:] == [["2026-05-19T08:00:00Z", "2026-05-19T08:15:00Z", "98.25", "cm", ""]]
    assert april.byte_size == april.file.size and len(april.checksum_sha256) == 64
    # The catalogue's normal path: the files were loaded into the data store.
    table = DatastoreTable.objects.get(distribution=april)
    assert table.status == "active" and table.row_count == 2


def test_rerun_writes_nothing_and_the_running_month_grows(gauge):
    datastream_dataset_link(datastream=gauge.level)
    _release(gauge.level, APRIL, {"": 1.0})
    _release(gauge.level, MAY, {"": 2.0})
    datastream_monthly_csvs_update(datastream=gauge.level, now=NOW)
    gauge.level.refresh_from_db()
    before = {title: d.checksum_sha256 for title, d in _months(gauge.level.dataset).items()}

    again = datastream_monthly_csvs_update(datastream=gauge.level, now=NOW)
    assert again.written == [] and again.closed == []

    _release(gauge.level, MAY + timedelta(minutes=15), {"": 3.0})
    later = datastream_monthly_csvs_update(datastream=gauge.level, now=NOW + timedelta(hours=1))
    after = {title: d.checksum_sha256 for title, d in _months(gauge.level.dataset).items()}
    assert later.written == ["2026-05"]
    assert after["Messwerte 2026-04 (CSV)"] == before["Messwerte 2026-04 (CSV)"]
    assert after["Messwerte 2026-05 (CSV)"] != before["Messwerte 2026-05 (CSV)"]
    assert len(after) == 2
    may = _months(gauge.level.dataset)["Messwerte 2026-05 (CSV)"]
    assert [row[2] for row in _rows(may)[1:]] == ["2", "3"]


def test_a_closed_month_is_not_rewritten_by_a_late_release(gauge):
    datastream_dataset_link(datastream=gauge.level)
    _release(gauge.level, APRIL, {"": 1.0})
    datastream_monthly_csvs_update(datastream=gauge.level, now=NOW)
    _release(gauge.level, APRIL + timedelta(hours=1), {"": 9.0})

    result = datastream_monthly_csvs_update(datastream=gauge.level, now=NOW)

    assert result.written == []
    gauge.level.refresh_from_db()
    april = _months(gauge.level.dataset)["Messwerte 2026-04 (CSV)"]
    assert len(_rows(april)) == 2


def test_monthly_files_never_contain_raw_readings_or_pseudonyms(gauge, post):
    """Canary: an identifier and a raw value sent at ingestion appear in no monthly file."""
    datastream_dataset_link(datastream=gauge.counter)
    moment = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=30)
    response = post(
        {
            "observations": [
                {
                    "datastream": gauge.counter.pk,
                    "phenomenonTime": iso(moment),
                    "result": 1,
                    "subject": CANARY,
                },
                {"datastream": gauge.level.pk, "phenomenonTime": iso(moment), "result": 417.123},
            ]
        },
        token=gauge.token,
    )
    assert response.status_code == 200, response.json()
    pseudonym = RawObservation.objects.get(datastream=gauge.counter).subject_pseudonym
    assert pseudonym
    window = moment.replace(minute=moment.minute - moment.minute % 15)
    _release(gauge.counter, window, {"": 12.0, "h3:8a1fb46622dffff": None})

    datastream_catalogue_update(datastream=gauge.counter)

    gauge.counter.refresh_from_db()
    files = list(_months(gauge.counter.dataset).values())
    assert len(files) == 1
    with files[0].file.open("rb") as handle:
        content = handle.read().decode("utf-8")
    assert "12" in content
    for secret in (CANARY, CANARY.replace(":", ""), CANARY.lower(), pseudonym, "417.123"):
        assert secret not in content
    assert "h3:8a1fb46622dffff" not in content  # a suppressed cell is not even listed


def test_critical_streams_get_no_files_even_with_published_rows(gauge):
    gauge.level.privacy_class = Datastream.PrivacyClass.CRITICAL_INTERNAL
    gauge.level.save()
    _release(gauge.level, MAY, {"": 5.0})
    assert datastream_catalogue_update(datastream=gauge.level) is None
    assert not Distribution.objects.filter(title__startswith="Messwerte").filter(
        dataset__datastream=gauge.level
    )


# --- DCAT ----------------------------------------------------------------------------------------


def _dataset_turtle(client, dataset: Dataset) -> Graph:
    response = client.get(f"/dataset/{dataset.name}.ttl")
    assert response.status_code == 200
    return Graph().parse(data=response.content, format="turtle")


@needs_standards
def test_sensor_dataset_conforms_and_carries_its_provenance(
    client,
    gauge,
    shapes_and_ontology,  # noqa: F811 - the imported fixture
):
    gauge.level.noise_epsilon_per_day = 0.5
    gauge.level.save()
    dataset = datastream_dataset_link(datastream=gauge.level)
    release = _release(gauge.level, MAY, {"": 1.0})
    datastream_monthly_csvs_update(datastream=gauge.level, now=NOW)

    graph = _dataset_turtle(client, dataset)

    conforms, report = _validate(graph, shapes_and_ontology)
    assert conforms, report
    node = next(graph.subjects(RDF.type, DCAT.Dataset))
    statement = graph.value(node, DCTERMS.provenance)
    assert (statement, RDF.type, DCTERMS.ProvenanceStatement) in graph
    labels = {label.language: str(label) for label in graph.objects(statement, RDFS.label)}
    assert set(labels) == {"de", "en"}
    assert "15 Minuten" in labels["de"] and "ε = 0.5" in labels["de"]
    assert "1a2b3c4" in labels["en"] and "window-mean" in labels["en"]
    activity = graph.value(node, PROV.wasGeneratedBy)
    assert (activity, RDF.type, PROV.Activity) in graph
    ended = graph.value(activity, PROV.endedAtTime)
    assert ended is not None and ended.toPython() == release.created_at

    api = next(
        d for d in graph.objects(node, DCAT.distribution) if graph.value(d, DCAT.accessService)
    )
    service = graph.value(api, DCAT.accessService)
    assert (service, RDF.type, DCAT.DataService) in graph
    assert str(graph.value(service, DCAT.endpointURL)).endswith("/sta/v1.1/")
    assert (service, DCAT.servesDataset, node) in graph
    titles = {str(t) for t in graph.objects(None, DCTERMS.title)}
    assert "Messwerte 2026-05 (CSV)" in titles


def test_person_derived_provenance_names_k(client, gauge):
    dataset = datastream_dataset_link(datastream=gauge.counter)
    graph = _dataset_turtle(client, dataset)
    statement = next(graph.objects(None, DCTERMS.provenance))
    texts = " ".join(str(label) for label in graph.objects(statement, RDFS.label))
    assert "k = 10" in texts
    # No release yet: the job is described, without times.
    activity = next(graph.objects(None, PROV.wasGeneratedBy))
    assert graph.value(activity, PROV.endedAtTime) is None


def test_whole_catalogue_keeps_its_query_count_with_sensor_datasets(
    client, gauge, other_station, django_assert_max_num_queries
):
    datastream_dataset_link(datastream=gauge.level)
    client.get("/catalog.ttl?page=1")
    with django_assert_max_num_queries(60) as few:
        client.get("/catalog.ttl?page=1")
    datastream_dataset_link(datastream=gauge.lamp)
    datastream_dataset_link(datastream=gauge.counter)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/catalog.ttl?page=1")
    graph = Graph().parse(data=response.content, format="turtle")
    assert len(set(graph.subjects(PROV.wasGeneratedBy, None))) >= 3


def test_a_refused_release_is_not_named_as_the_provenance(client, gauge):
    kept = _release(gauge.counter, APRIL, {"": 42.0})
    refused = _release(gauge.counter, MAY, {})
    refused.method = REFUSED_BUDGET
    refused.save()
    dataset = datastream_dataset_link(datastream=gauge.counter)
    graph = _dataset_turtle(client, dataset)
    statement = next(graph.objects(None, DCTERMS.provenance))
    texts = " ".join(str(label) for label in graph.objects(statement, RDFS.label))
    assert f"Method: {kept.method}" in texts and "refused" not in texts
