"""Query counts stay flat: the data store adds no query per resource or per record."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from opendata.catalogue.models import Distribution


def _resource_id() -> str:
    distribution = Distribution.objects.get(
        dataset__name="parkplaetze-belegung", dataset__state="published", format="CSV"
    )
    return str(distribution.pk)


def test_datastore_search_runs_a_fixed_number_of_queries(client, demo_city):
    url = f"/api/3/action/datastore_search?resource_id={_resource_id()}&sort=wert desc"
    counts = []
    for limit in (5, 400):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{url}&limit={limit}")
        assert response.status_code == 200
        assert len(response.json()["result"]["records"]) == limit
        counts.append(len(queries))
    # resource lookup, records, total (+ savepoints; on PostgreSQL the statement timeout)
    assert counts[0] == counts[1] <= 6


def test_datastore_active_in_package_lists_needs_no_query_per_resource(client, demo_city):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/3/action/current_package_list_with_resources?limit=100")
    assert response.status_code == 200
    resources = [r for p in response.json()["result"] for r in p["resources"]]
    assert len(resources) > 40
    # Uploaded CSV files are loaded into the data store; linked files and other formats are not.
    uploaded_csv = [r for r in resources if r["format"] == "CSV" and r["url_type"] == "upload"]
    assert len(uploaded_csv) > 20
    assert {r["datastore_active"] for r in uploaded_csv} == {True}
    assert {r["datastore_active"] for r in resources if r not in uploaded_csv} == {False}
    touching = [
        q["sql"] for q in queries.captured_queries if "datastore_datastoretable" in q["sql"]
    ]
    assert len(touching) <= 1
