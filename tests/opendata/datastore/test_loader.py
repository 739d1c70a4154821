"""Loading CSV distributions into tables: validation, all-or-nothing swaps, triggers."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.utils import translation

from opendata.catalogue.models import Distribution
from opendata.datastore import selectors, services
from opendata.datastore.models import DatastoreTable
from tests.opendata.datastore.conftest import distribution_create

GOOD = b"id;name;wert;datum\n1;Anna;3,5;2024-05-31\n2;Bert;4;2024-06-01\n3;Cem;;\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _rows(table: DatastoreTable) -> list[list]:
    return list(selectors.datastore_rows_iter(table))


def _tables_like(prefix: str) -> list[str]:
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
    return [name for name in names if name.startswith(prefix)]


def test_a_csv_upload_becomes_a_typed_table(csv_distribution):
    distribution = csv_distribution(GOOD)
    table = services.datastore_load(distribution=distribution)
    assert table.status == DatastoreTable.Status.ACTIVE, table.error
    assert table.table_name == f"datastore_{distribution.pk.hex}"
    assert table.fields == [
        {"id": "id", "type": "int"},
        {"id": "name", "type": "text"},
        {"id": "wert", "type": "numeric"},
        {"id": "datum", "type": "date"},
    ]
    assert table.row_count == 3
    assert _rows(table) == [
        [1, 1, "Anna", 3.5, "2024-05-31"],
        [2, 2, "Bert", 4.0, "2024-06-01"],
        [3, 3, "Cem", None, None],
    ]
    assert _tables_like(table.table_name) == [table.table_name]  # no temporary table left


def test_user_column_names_cannot_inject_sql(csv_distribution):
    content = 'id,"a""; DROP TABLE x; --","100%",Straße\n1,2,3,4\n'.encode()
    table = services.datastore_load(distribution=csv_distribution(content))
    assert table.status == DatastoreTable.Status.ACTIVE, table.error
    assert [f["id"] for f in table.fields] == ["id", 'a"; DROP TABLE x; --', "100%", "Straße"]
    query = selectors.datastore_search_build(
        table=table, filters={"100%": 3}, sort='"a""; DROP TABLE x; --" desc'
    )
    assert selectors.datastore_search_run(query)["rows"] == [[1, 1, 2, 3, 4]]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "id,name\n1,Anna\n2,Jürgen\n".encode("cp1252"),
            ["not valid UTF-8", "line 3 (byte offset 18)", "save it as UTF-8"],
        ),
        (b"id,name,wert\n1,a,2\n1,b\n1,c,3,4\n", ["(3)", "line 3 has 2", "line 4 has 4"]),
        (b"id,Name,wert,name\n1,a,2,b\n", ["unique", "“Name” / “name”"]),
        (PNG, ["not valid UTF-8", "line 1 (byte offset 0)"]),
        (b"a,b\n1,\x002\n", ["NUL byte", "line 2"]),
        (b"", ["empty"]),
    ],
    ids=["cp1252", "ragged", "duplicate-header", "png", "nul", "empty"],
)
def test_broken_files_fail_with_a_clear_error(csv_distribution, content, expected):
    distribution = csv_distribution(content, filename="bild.csv")
    table = services.datastore_load(distribution=distribution)
    assert table.status == DatastoreTable.Status.FAILED
    for part in expected:
        assert part in table.error
    assert table.loaded_at is None
    assert selectors.datastore_table_get_public(resource_id=str(distribution.pk)) is None
    assert _tables_like(table.table_name) == []


def test_a_failed_reload_keeps_the_previous_rows(csv_distribution):
    distribution = csv_distribution(GOOD)
    first = services.datastore_load(distribution=distribution)
    loaded_at, rows = first.loaded_at, _rows(first)
    distribution.file.save("daten.csv", ContentFile(b"id;name\n1;a\n2;b;c\n"), save=True)
    table = services.datastore_load(distribution=distribution)
    assert table.status == DatastoreTable.Status.FAILED
    assert "line 3 has 3" in table.error
    assert table.loaded_at == loaded_at
    assert table.row_count == 3
    assert _rows(table) == rows
    assert selectors.datastore_table_get_public(resource_id=str(distribution.pk)) == table
    assert _tables_like(table.table_name) == [table.table_name]


def test_an_error_in_the_middle_of_inserting_leaves_nothing_half_imported(
    csv_distribution, monkeypatch
):
    distribution = csv_distribution(GOOD)
    first = services.datastore_load(distribution=distribution)
    rows = _rows(first)
    bigger = "id;name\n" + "".join(f"{n};row {n}\n" for n in range(1, 20001))
    distribution.file.save("daten.csv", ContentFile(bigger.encode()), save=True)
    real = services.converted_rows

    def failing(rows_iterable, types):
        for number, row in enumerate(real(rows_iterable, types), 1):
            if number == 12345:  # after two committed batches
                raise RuntimeError("disk full")
            yield row

    monkeypatch.setattr(services, "converted_rows", failing)
    with pytest.raises(RuntimeError):
        services.datastore_load(distribution=distribution)
    table = DatastoreTable.objects.get(distribution=distribution)
    assert table.status == DatastoreTable.Status.FAILED
    assert "previous rows are kept" in table.error
    assert _rows(table) == rows
    assert _tables_like(table.table_name) == [table.table_name]
    monkeypatch.setattr(services, "converted_rows", real)
    table = services.datastore_load(distribution=distribution)
    assert table.status == DatastoreTable.Status.ACTIVE
    assert table.row_count == 20000
    assert _rows(table)[-1] == [20000, 20000, "row 20000"]


def test_an_unchanged_file_is_not_loaded_again(csv_distribution, monkeypatch):
    distribution = csv_distribution(GOOD)
    services.datastore_load(distribution=distribution)

    def forbidden(**kwargs):
        raise AssertionError("loaded twice")

    monkeypatch.setattr(services, "_build_and_swap", forbidden)
    table = services.datastore_load(distribution=distribution)
    assert table.status == DatastoreTable.Status.ACTIVE
    with pytest.raises(AssertionError):
        services.datastore_load(distribution=distribution, force=True)


def test_a_load_in_progress_is_not_started_twice(csv_distribution):
    distribution = csv_distribution(GOOD)
    table = DatastoreTable.objects.create(
        distribution=distribution,
        table_name=services.table_name_for(distribution),
        status=DatastoreTable.Status.LOADING,
    )
    result = services.datastore_load(distribution=distribution)
    assert result.pk == table.pk
    assert result.status == DatastoreTable.Status.LOADING
    assert _tables_like(table.table_name) == []


def test_saving_a_csv_distribution_loads_it_after_commit(
    csv_distribution, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        distribution = csv_distribution(GOOD)
        assert not DatastoreTable.objects.filter(distribution=distribution).exists()
    assert callbacks
    table = DatastoreTable.objects.get(distribution=distribution)
    assert table.status == DatastoreTable.Status.ACTIVE
    assert table.row_count == 3


def test_other_formats_are_not_loaded_and_lose_their_table(csv_distribution):
    distribution = csv_distribution(GOOD)
    table = services.datastore_load(distribution=distribution)
    distribution.format = "JSON"
    distribution.save()
    assert services.datastore_load(distribution=distribution) is None
    assert not DatastoreTable.objects.filter(pk=table.pk).exists()
    assert _tables_like(table.table_name) == []


def test_deleting_the_distribution_drops_its_table(csv_distribution):
    distribution = csv_distribution(GOOD)
    table = services.datastore_load(distribution=distribution)
    assert _tables_like(table.table_name)
    distribution.delete()
    assert not DatastoreTable.objects.filter(pk=table.pk).exists()
    assert _tables_like(table.table_name) == []


def test_management_command_loads_one_or_all(csv_distribution):
    good = csv_distribution(GOOD)
    out = io.StringIO()
    call_command("datastore_load", str(good.pk), stdout=out)
    assert "active, 3 rows" in out.getvalue()
    bad = csv_distribution(b"a,a\n1,2\n")
    with pytest.raises(Exception, match="failed"):
        call_command("datastore_load", str(bad.pk), stdout=io.StringIO())
    assert DatastoreTable.objects.get(distribution=bad).status == "failed"
    out = io.StringIO()
    bad.delete()
    # Only this test's file exists under the test's MEDIA_ROOT: leave the demo's out.
    Distribution.objects.exclude(pk=good.pk).update(format="PDF")
    call_command("datastore_load", "--all", stdout=out)
    assert f"{good.pk}: active, 3 rows" in out.getvalue()


def test_demo_csv_distributions_are_all_loaded(demo_city):
    csv_ids = set(
        Distribution.objects.filter(format="CSV").exclude(file="").values_list("pk", flat=True)
    )
    active = set(
        DatastoreTable.objects.filter(status="active").values_list("distribution_id", flat=True)
    )
    assert csv_ids and csv_ids <= active


def test_status_and_errors_are_listed_for_staff_only(client, csv_distribution, city_admin, citizen):
    table = services.datastore_load(distribution=distribution_create(b"a,A\n1,2\n"))
    client.force_login(city_admin)
    listing = client.get("/admin/datastore/")
    assert listing.status_code == 200
    assert table.error in listing.content.decode() or "unique" in listing.content.decode()
    inspect = client.get(f"/admin/datastore/inspect/{table.pk}/")
    assert inspect.status_code == 200
    assert client.get(f"/admin/datastore/edit/{table.pk}/").status_code in (302, 403)
    client.force_login(citizen)
    assert client.get("/admin/datastore/").status_code in (302, 403)


def test_staff_with_catalogue_permissions_see_the_data_store(client, editor):
    from django.contrib.auth.models import Permission

    from portal.accounts.models import User

    client.force_login(editor)
    assert client.get("/admin/datastore/").status_code in (302, 403)
    editor.user_permissions.add(
        Permission.objects.get(content_type__app_label="catalogue", codename="change_dataset")
    )
    client.force_login(User.objects.get(pk=editor.pk))
    listing = client.get("/admin/datastore/", {"q": "Parkplatzbelegung Altstadt"})
    assert listing.status_code == 200
    assert "Parkplatzbelegung Altstadt (CSV)" in listing.content.decode()


def test_rows_are_read_in_keyset_pages(csv_distribution):
    content = "n\n" + "".join(f"{n}\n" for n in range(1, 12))
    table = services.datastore_load(distribution=csv_distribution(content.encode()))
    assert [row[1] for row in selectors.datastore_rows_iter(table, batch=3)] == list(range(1, 12))


def test_the_task_is_idempotent_and_ignores_deleted_distributions(csv_distribution):
    from opendata.datastore.tasks import datastore_load_task

    distribution = csv_distribution(GOOD)
    assert datastore_load_task(str(distribution.pk)) == "active"
    loaded_at = DatastoreTable.objects.get(distribution=distribution).loaded_at
    assert datastore_load_task(str(distribution.pk)) == "active"
    assert DatastoreTable.objects.get(distribution=distribution).loaded_at == loaded_at
    key = str(distribution.pk)
    distribution.delete()
    assert datastore_load_task(key) is None


def test_empty_values_sort_as_on_postgresql_on_every_database(csv_distribution):
    distribution = csv_distribution(GOOD)
    table = services.datastore_load(distribution=distribution)

    def values(sort: str) -> list:
        query = selectors.datastore_search_build(table=table, sort=sort)
        column = [f["id"] for f in query.fields].index("wert")
        return [row[column] for row in selectors.datastore_search_run(query)["rows"]]

    assert values("wert asc") == [3.5, 4.0, None]
    assert values("wert desc") == [None, 4.0, 3.5]
