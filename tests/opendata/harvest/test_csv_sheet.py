"""Importing datasets from a metadata sheet: all rows or none, errors by row and column."""

from __future__ import annotations

import csv
import io

import pytest

from opendata.catalogue.models import Dataset, DatasetRecordChange, Publisher
from opendata.harvest import csv_sheet, services
from opendata.harvest.models import HarvestedRecord, HarvestJob, HarvestSource


def _sheet(*rows: dict, columns: list[str] | None = None) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns or csv_sheet.COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


def _row(name: str = "baustellen-2026", **overrides) -> dict:
    row = {
        "name": name,
        "title": "Baustellen 2026",
        "title_en": "Roadworks 2026",
        "description": "Alle Baustellen im Stadtgebiet",
        "description_en": "",
        "publisher": "stadtwerke",
        "contact_name": "Tiefbauamt",
        "contact_email": "tiefbau@lindenhafen.example",
        "themes": "TRAN; REGI",
        "keywords": "Baustelle;Verkehr",
        "licence": "cc-by/4.0",
        "accrual_periodicity": "WEEKLY",
        "issued": "2026-01-15",
        "temporal_start": "2026-01-01",
        "temporal_end": "2026-12-31",
        "landing_page": "https://www.lindenhafen.example/baustellen",
        "distribution_url": "https://daten.lindenhafen.example/baustellen.csv",
        "distribution_format": "csv",
        "state": "published",
    }
    row.update(overrides)
    return row


def test_a_good_sheet_creates_the_datasets(demo_city, city_admin):
    content = _sheet(_row(), _row("radwege-2026", title="Radwege", state="", themes=""))

    job = services.csv_sheet_import(content=content, file_name="liste.csv", user=city_admin)

    assert job.status == HarvestJob.Status.FINISHED, job.errors
    assert (job.created_count, job.updated_count, job.unchanged_count) == (2, 0, 0)
    roadworks = Dataset.objects.get(name="baustellen-2026")
    assert roadworks.state == Dataset.State.PUBLISHED
    assert roadworks.publisher == Publisher.objects.get(name="stadtwerke")
    assert roadworks.theme_codes == ["REGI", "TRAN"]
    assert roadworks.keyword_names == ["Baustelle", "Verkehr"]
    assert roadworks.licence == "cc-by/4.0"
    assert roadworks.accrual_periodicity == "WEEKLY"
    assert str(roadworks.temporal_end) == "2026-12-31"
    distribution = roadworks.distributions.get()
    assert (distribution.url, distribution.format, distribution.licence) == (
        "https://daten.lindenhafen.example/baustellen.csv",
        "CSV",
        "cc-by/4.0",
    )
    assert Dataset.objects.get(name="radwege-2026").state == Dataset.State.DRAFT
    change = DatasetRecordChange.objects.get(dataset=roadworks)
    assert (change.source, change.changed_by) == ("import", city_admin)


def test_errors_name_row_and_column_and_nothing_is_saved(demo_city):
    datasets_before = Dataset.objects.count()
    changes_before = DatasetRecordChange.objects.count()
    content = _sheet(
        _row("gut-1"),
        _row("gut-2", contact_email="kein-e-mail", themes="TRAN;QQQQ"),
        _row("gut-3", publisher="unbekannt", temporal_end="2025-01-01", issued="15.01.2026"),
    )

    job = services.csv_sheet_import(content=content, file_name="liste.csv")

    assert job.status == HarvestJob.Status.FAILED
    assert job.created_count == 0
    located = {(e["record"], e["field"]) for e in job.errors}
    assert {
        ("row 3", "contact_email"),
        ("row 3", "themes"),
        ("row 4", "publisher"),
        ("row 4", "temporal_end"),
        ("row 4", "issued"),
    } <= located
    assert not any(e["record"] == "row 2" for e in job.errors)
    assert "QQQQ" in next(e["message"] for e in job.errors if e["field"] == "themes")
    assert Dataset.objects.count() == datasets_before
    assert DatasetRecordChange.objects.count() == changes_before


def test_a_published_row_must_meet_the_publication_requirements(demo_city):
    content = _sheet(_row("ohne-verteilung", distribution_url="", distribution_format=""))

    job = services.csv_sheet_import(content=content)

    assert job.status == HarvestJob.Status.FAILED
    assert ("row 2", "distribution_url") in {(e["record"], e["field"]) for e in job.errors}
    assert not Dataset.objects.filter(name="ohne-verteilung").exists()


def test_one_bad_row_at_write_time_rolls_back_the_good_ones(demo_city):
    # Row 3 passes the row checks but cannot be published; row 2 was already written.
    content = _sheet(_row("gut-1"), _row("gut-2", themes=""))

    job = services.csv_sheet_import(content=content)

    assert job.status == HarvestJob.Status.FAILED
    assert [(e["record"], e["field"]) for e in job.errors[1:]] == [("row 3", "themes")]
    assert not Dataset.objects.filter(name__in=["gut-1", "gut-2"]).exists()


def test_reimport_is_unchanged_and_a_changed_row_updates(demo_city):
    content = _sheet(_row(), _row("radwege-2026", title="Radwege"))
    services.csv_sheet_import(content=content)

    again = services.csv_sheet_import(content=content)

    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 2)
    assert DatasetRecordChange.objects.filter(dataset__name="baustellen-2026").count() == 1

    changed = _sheet(
        _row(title="Baustellen 2026 (neu)", keywords="Baustelle"),
        _row("radwege-2026", title="Radwege"),
    )
    third = services.csv_sheet_import(content=changed)

    assert (third.created_count, third.updated_count, third.unchanged_count) == (0, 1, 1)
    dataset = Dataset.objects.get(name="baustellen-2026")
    assert dataset.title == "Baustellen 2026 (neu)"
    assert dataset.keyword_names == ["Baustelle"]
    assert dataset.distributions.count() == 1
    latest = DatasetRecordChange.objects.filter(dataset=dataset).first()
    assert {"title", "keywords"} <= set(latest.changed_fields)


def test_an_existing_local_dataset_is_updated_and_keeps_its_files(demo_city):
    dataset = Dataset.objects.get(name="ladepunkte")
    files = dataset.distributions.count()
    content = _sheet(
        _row(
            "ladepunkte",
            publisher=dataset.publisher.name,
            themes=";".join(dataset.theme_codes),
            distribution_url="https://extern.example/ladepunkte.json",
            distribution_format="JSON",
        )
    )

    job = services.csv_sheet_import(content=content)

    assert job.updated_count == 1, job.errors
    dataset.refresh_from_db()
    assert dataset.title == "Baustellen 2026"
    assert dataset.distributions.count() == files + 1


def test_a_harvested_dataset_is_not_changed_by_a_sheet(demo_city):
    dataset = Dataset.objects.get(name="ladepunkte")
    source = HarvestSource.objects.create(
        title="Quelle", kind="ckan", url="https://ckan.example", publisher=dataset.publisher
    )
    HarvestedRecord.objects.create(
        source=source, remote_id="x", dataset=dataset, content_hash="-", last_seen=source.created
    )

    job = services.csv_sheet_import(content=_sheet(_row("ladepunkte")))

    assert job.status == HarvestJob.Status.FAILED
    assert job.errors[1]["field"] == "name"
    assert "harvested" in job.errors[1]["message"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name;title\nä;ö\n".encode("latin-1"), "not UTF-8 encoded"),
        (b"", "empty"),
        (b"\x00\x01\x02", "not a CSV"),
    ],
)
def test_unreadable_files_fail_with_the_cause(demo_city, content, message):
    job = services.csv_sheet_import(content=content)

    assert job.status == HarvestJob.Status.FAILED
    assert message in job.errors[0]["message"]


def test_unknown_and_missing_columns_are_named(demo_city):
    content = _sheet({"name": "x", "titel": "y"}, columns=["name", "titel"])

    job = services.csv_sheet_import(content=content)

    located = {(e["record"], e["field"]) for e in job.errors}
    assert ("row 1", "titel") in located
    assert {("row 1", "title"), ("row 1", "contact_email")} <= located


def test_the_template_is_a_valid_sheet(demo_city):
    job = services.csv_sheet_import(content=csv_sheet.template_csv().encode())

    assert job.status == HarvestJob.Status.FINISHED, job.errors
    assert job.created_count == 1
    assert Dataset.objects.filter(name=csv_sheet.TEMPLATE_EXAMPLE["name"]).exists()


def test_an_empty_state_keeps_a_published_dataset_published(demo_city):
    dataset = Dataset.objects.get(name="ladepunkte")
    assert dataset.state == Dataset.State.PUBLISHED
    row = _row(
        "ladepunkte",
        state="",
        publisher=dataset.publisher.name,
        themes=";".join(dataset.theme_codes),
    )

    job = services.csv_sheet_import(content=_sheet(row))

    assert job.updated_count == 1, job.errors
    dataset.refresh_from_db()
    assert dataset.state == Dataset.State.PUBLISHED


def test_an_update_that_would_break_a_published_dataset_is_refused(demo_city):
    dataset = Dataset.objects.get(name="ladepunkte")
    row = _row("ladepunkte", state="", publisher=dataset.publisher.name, themes="")

    job = services.csv_sheet_import(content=_sheet(row))

    assert job.status == HarvestJob.Status.FAILED
    assert ("row 2", "themes") in {(e["record"], e["field"]) for e in job.errors}
    dataset.refresh_from_db()
    assert dataset.theme_codes != []


def test_columns_left_out_keep_what_an_existing_dataset_has(demo_city):
    dataset = Dataset.objects.get(name="ladepunkte")
    before = (dataset.theme_codes, dataset.keyword_names, dataset.licence, dataset.issued)
    columns = ["name", "title", "description", "publisher", "contact_name", "contact_email"]
    row = {
        "name": "ladepunkte",
        "title": "Ladepunkte (aktualisiert)",
        "description": dataset.description,
        "publisher": dataset.publisher.name,
        "contact_name": dataset.contact_name,
        "contact_email": dataset.contact_email,
    }

    job = services.csv_sheet_import(content=_sheet(row, columns=columns))

    assert job.updated_count == 1, job.errors
    dataset.refresh_from_db()
    assert dataset.title == "Ladepunkte (aktualisiert)"
    assert (dataset.theme_codes, dataset.keyword_names, dataset.licence, dataset.issued) == before
    assert dataset.state == Dataset.State.PUBLISHED
