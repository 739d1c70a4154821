"""datastore_search, datastore_info and the dump, driven like CKAN users do (ckanapi, HTTP)."""

from __future__ import annotations

import csv
import io
import json

import ckanapi
import pytest
import requests

from opendata.catalogue.models import Dataset, Distribution
from opendata.datastore import services
from tests.opendata.datastore.conftest import distribution_create


@pytest.fixture
def ckan(seeded_live_server):
    return ckanapi.RemoteCKAN(seeded_live_server.url, user_agent="portal-tests/1.0")


@pytest.fixture
def series(seeded_live_server):
    """The demo's parking occupancy CSV: its resource id and its rows, read from the file."""
    distribution = Distribution.objects.get(
        dataset__name="parkplaetze-belegung", dataset__state="published", format="CSV"
    )
    with distribution.file.open("rb") as handle:
        rows = list(csv.DictReader(io.StringIO(handle.read().decode("utf-8"))))
    for number, row in enumerate(rows, 1):
        row["_id"] = number
        row["wert"] = float(row["wert"])
    return str(distribution.pk), rows


def _record(row: dict) -> dict:
    return {key: row[key] for key in ("_id", "datum", "stadtteil", "wert")}


def test_search_returns_ckan_shaped_results(ckan, series):
    resource_id, rows = series
    result = ckan.action.datastore_search(resource_id=resource_id)
    assert result["resource_id"] == resource_id
    assert result["fields"] == [
        {"id": "_id", "type": "int"},
        {"id": "datum", "type": "date"},
        {"id": "stadtteil", "type": "text"},
        {"id": "wert", "type": "numeric"},
    ]
    assert result["total"] == len(rows) > 100
    assert result["limit"] == 100
    assert result["records"] == [_record(row) for row in rows[:100]]
    assert result["_links"]["start"].startswith("/api/3/action/datastore_search?")
    assert "offset=100" in result["_links"]["next"]


def test_filters_sort_and_limit_are_applied(ckan, series):
    resource_id, rows = series
    district = rows[0]["stadtteil"]
    expected = sorted(
        (row for row in rows if row["stadtteil"] == district),
        key=lambda row: (-row["wert"], row["_id"]),
    )
    result = ckan.action.datastore_search(
        resource_id=resource_id, filters={"stadtteil": district}, sort="wert desc", limit=7
    )
    assert result["total"] == len(expected)
    assert result["records"] == [_record(row) for row in expected[:7]]
    by_date = ckan.action.datastore_search(
        id=resource_id,
        filters={"stadtteil": [district, rows[1]["stadtteil"]], "datum": rows[0]["datum"]},
        sort="stadtteil asc",
        fields=["stadtteil", "wert"],
    )
    assert by_date["total"] == 2
    assert [r["stadtteil"] for r in by_date["records"]] == sorted([district, rows[1]["stadtteil"]])
    assert set(by_date["records"][0]) == {"stadtteil", "wert"}


def test_next_links_page_through_everything(seeded_live_server, series):
    resource_id, rows = series
    url = f"{seeded_live_server.url}/api/3/action/datastore_search"
    body = requests.get(
        url, params={"resource_id": resource_id, "limit": 150, "sort": "_id desc"}, timeout=10
    ).json()["result"]
    seen = []
    while body["records"]:
        seen.extend(body["records"])
        response = requests.get(seeded_live_server.url + body["_links"]["next"], timeout=10)
        assert response.status_code == 200
        body = response.json()["result"]
        assert body["total"] == len(rows)
    assert [r["_id"] for r in seen] == list(range(len(rows), 0, -1))


def test_get_parameters_as_ckan_sends_them(seeded_live_server, series):
    resource_id, rows = series
    district = rows[3]["stadtteil"]
    response = requests.get(
        f"{seeded_live_server.url}/api/3/action/datastore_search",
        params={
            "resource_id": resource_id,
            "filters": json.dumps({"stadtteil": district}),
            "fields": "_id, wert",
            "include_total": "false",
            "records_format": "lists",
            "offset": "2",
            "limit": "3",
        },
        timeout=10,
    )
    result = response.json()["result"]
    matching = [row for row in rows if row["stadtteil"] == district]
    assert "total" not in result
    assert result["offset"] == 2
    assert result["records"] == [[row["_id"], row["wert"]] for row in matching[2:5]]


def test_full_text_q_and_csv_records(ckan, series):
    resource_id, rows = series
    district = rows[0]["stadtteil"]
    result = ckan.action.datastore_search(resource_id=resource_id, q=district[1:-1].lower())
    assert result["total"] == sum(
        1 for row in rows if district[1:-1].lower() in row["stadtteil"].lower()
    )
    by_field = ckan.action.datastore_search(
        resource_id=resource_id, q={"datum": rows[0]["datum"]}, records_format="csv", limit=2
    )
    assert by_field["total"] == sum(1 for row in rows if row["datum"] == rows[0]["datum"])
    first = next(csv.reader(io.StringIO(by_field["records"])))
    assert first == ["1", rows[0]["datum"], district, str(rows[0]["wert"])]


def test_limit_is_capped_like_ckan(ckan, series):
    resource_id, rows = series
    result = ckan.action.datastore_search(resource_id=resource_id, limit=100000)
    assert result["limit"] == 32000
    assert len(result["records"]) == len(rows)


def test_unknown_resources_are_not_found(ckan, seeded_live_server):
    with pytest.raises(ckanapi.NotFound):
        ckan.action.datastore_search(resource_id="00000000-0000-0000-0000-000000000000")
    with pytest.raises(ckanapi.NotFound):
        ckan.action.datastore_info(id="gibt-es-nicht")
    response = requests.get(
        f"{seeded_live_server.url}/api/3/action/datastore_search?resource_id=nope", timeout=10
    )
    assert response.status_code == 404
    assert response.json()["error"] == {
        "__type": "Not Found Error",
        "message": 'Resource "nope" was not found.',
    }


def test_a_geojson_resource_is_not_in_the_datastore(ckan):
    package = ckan.action.package_show(id="ladepunkte")
    active = {r["format"]: r["datastore_active"] for r in package["resources"]}
    assert active == {"CSV": True, "GeoJSON": False}
    geojson = next(r for r in package["resources"] if r["format"] == "GeoJSON")
    with pytest.raises(ckanapi.NotFound):
        ckan.action.datastore_search(resource_id=geojson["id"])


@pytest.mark.parametrize(
    ("params", "key", "field"),
    [
        ({"filters": {"nope": 1}}, "filters", "nope"),
        ({"sort": "wert desc, nope"}, "sort", "nope"),
        ({"fields": ["wert", "nope"]}, "fields", "nope"),
        ({"q": {"nope": "x"}}, "q", "nope"),
        ({"filters": {"wert": "viel"}}, "filters", "wert"),
        ({"limit": "abc"}, "limit", ""),
        ({"limit": -1}, "limit", ""),
        ({"offset": "x"}, "offset", ""),
        ({"records_format": "xml"}, "records_format", ""),
    ],
)
def test_bad_parameters_are_validation_errors(ckan, series, params, key, field):
    resource_id, _rows = series
    with pytest.raises(ckanapi.ValidationError) as excinfo:
        ckan.action.datastore_search(resource_id=resource_id, **params)
    assert key in excinfo.value.error_dict
    assert field in excinfo.value.error_dict[key][0]


def test_missing_resource_id_is_a_validation_error(ckan):
    with pytest.raises(ckanapi.ValidationError) as excinfo:
        ckan.action.datastore_search()
    assert "resource_id" in excinfo.value.error_dict


def test_datastore_info(ckan, series):
    resource_id, rows = series
    info = ckan.action.datastore_info(id=resource_id)
    assert info["meta"]["count"] == len(rows)
    assert [f["id"] for f in info["fields"]] == ["datum", "stadtteil", "wert"]


def test_dump_streams_the_whole_table(seeded_live_server, series):
    resource_id, rows = series
    url = f"{seeded_live_server.url}/datastore/dump/{resource_id}"
    response = requests.get(url, timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    dumped = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    assert dumped[0] == ["_id", "datum", "stadtteil", "wert"]
    assert len(dumped) == len(rows) + 1
    assert dumped[-1] == [
        str(len(rows)),
        rows[-1]["datum"],
        rows[-1]["stadtteil"],
        str(rows[-1]["wert"]),
    ]
    bom = requests.get(url, params={"bom": "true"}, timeout=10)
    assert bom.content.startswith("\ufeff_id,".encode())
    tsv = requests.get(url, params={"format": "tsv"}, timeout=10)
    assert tsv.text.splitlines()[0] == "_id\tdatum\tstadtteil\twert"
    as_json = requests.get(url, params={"format": "json"}, timeout=10).json()
    assert len(as_json["records"]) == len(rows)
    assert as_json["fields"][0] == {"id": "_id", "type": "int"}
    missing = requests.get(
        f"{seeded_live_server.url}/datastore/dump/00000000-0000-0000-0000-000000000000",
        timeout=10,
    )
    assert missing.status_code == 404


def test_drafts_are_never_exposed(ckan, seeded_live_server, django_db_blocker):
    with django_db_blocker.unblock():
        draft = distribution_create(b"geheim\nDRAFT-CANARY\n", state=Dataset.State.DRAFT)
        table = services.datastore_load(distribution=draft)
    try:
        assert table.status == "active", table.error
        with pytest.raises(ckanapi.NotFound):
            ckan.action.datastore_search(resource_id=str(draft.pk))
        with pytest.raises(ckanapi.NotFound):
            ckan.action.datastore_info(id=str(draft.pk))
        dump = requests.get(f"{seeded_live_server.url}/datastore/dump/{draft.pk}", timeout=10)
        assert dump.status_code == 404
        assert "DRAFT-CANARY" not in dump.text
    finally:
        with django_db_blocker.unblock():
            dataset = draft.dataset
            draft.file.delete(save=False)
            draft.delete()
            dataset.delete()
