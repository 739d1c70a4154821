"""datastore_search blocks no writer and stops queries past its time bound (SQLite side)."""

from __future__ import annotations

import sqlite3
import uuid

import pytest
from django.db import connection

from opendata.datastore import selectors
from opendata.datastore.models import DatastoreTable
from opendata.datastore.selectors import SearchQuery

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PostgreSQL has a statement timeout of its own"
)

FIELDS = [{"id": "_id", "type": "int"}, {"id": "name", "type": "text"}]


@pytest.fixture
def committed_table(django_db_setup, django_db_blocker):
    """A data-store table committed outside any test transaction, so other connections see it."""
    name = f"datastore_{uuid.uuid4().hex}"
    with django_db_blocker.unblock():
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE TABLE "{name}" ("_id" INTEGER PRIMARY KEY, "name" TEXT)')
            cursor.executemany(
                f'INSERT INTO "{name}" VALUES (%s, %s)',  # noqa: S608
                [(1, "Anna"), (2, "Bert"), (3, "Cem")],
            )
        try:
            yield name
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f'DROP TABLE "{name}"')
            connection.close()


def test_a_search_takes_no_write_lock_and_reads_one_snapshot(committed_table, monkeypatch):
    # Ingestion's writes go through another connection (another thread or process).
    writer = sqlite3.connect(connection.settings_dict["NAME"], timeout=0)
    real_count_sql = SearchQuery.count_sql
    written = []

    def write_between_the_two_statements(query: SearchQuery):
        writer.execute(f"INSERT INTO \"{committed_table}\" VALUES (4, 'Dora')")  # noqa: S608
        writer.commit()  # "database is locked" while the search holds the write lock
        written.append(True)
        return real_count_sql(query)

    monkeypatch.setattr(SearchQuery, "count_sql", write_between_the_two_statements)
    query = SearchQuery(table_name=committed_table, fields=FIELDS, order_by=['"_id" ASC'], limit=2)
    try:
        found = selectors.datastore_search_run(query)
    finally:
        writer.close()
    assert written
    assert found == {"rows": [[1, "Anna"], [2, "Bert"]], "total": 3}  # the page's snapshot
    assert not connection.in_atomic_block and not connection.connection.in_transaction


@pytest.fixture
def large_table(csv_distribution):
    content = "id;name\n" + "".join(f"{n};Zeile {n}\n" for n in range(1, 20001))
    distribution = csv_distribution(content.encode())
    from opendata.datastore import services

    table = services.datastore_load(distribution=distribution)
    assert table.status == DatastoreTable.Status.ACTIVE
    return table


def test_a_query_past_the_time_bound_is_a_ckan_409(client, large_table, monkeypatch):
    url = "/api/3/action/datastore_search"
    params = {"resource_id": str(large_table.distribution_id), "q": "nirgends"}
    assert client.get(url, params).json()["result"]["total"] == 0
    monkeypatch.setattr(selectors, "SEARCH_TIMEOUT_MS", 0)
    response = client.get(url, params)
    assert response.status_code == 409
    body = response.json()
    assert body["success"] is False
    assert body["error"]["query"] == ["Query took too long"]
    # The deadline goes with the query: the connection serves the next statement.
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT COUNT(*) FROM "{large_table.table_name}"')  # noqa: S608
        assert cursor.fetchone() == (20000,)
