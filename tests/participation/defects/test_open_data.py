"""The defect reporter's figures as open data: monthly CSVs, the catalogue dataset (DCAT-AP.de
conformant like the rest of the catalogue) and its daily update."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation
from rdflib import Graph

from participation.defects import catalogue
from tests.factories import CategoryFactory, DepartmentFactory, DistrictFactory, ReportFactory
from tests.factories.defects import closed_status, initial_status
from tests.opendata.catalogue.test_dcat import _validate, shapes_and_ontology  # noqa: F401

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 12, 7, 12, 0, tzinfo=BERLIN)


def at(year: int, month: int, day: int, hour: int = 10) -> datetime:
    return datetime(year, month, day, hour, 0, tzinfo=BERLIN)


@pytest.fixture
def publisher():
    """The Smart-City unit's publisher (the demo's, or a new one), and no statistics dataset."""
    from opendata.catalogue.models import Dataset, Publisher
    from portal.core.models import Department
    from tests.factories import PublisherFactory

    Dataset.objects.filter(name=catalogue.DATASET_NAME).delete()
    department = Department.objects.filter(slug=catalogue.PUBLISHING_DEPARTMENT).first()
    if department is None:
        department = DepartmentFactory(slug=catalogue.PUBLISHING_DEPARTMENT)
    existing = Publisher.objects.filter(department=department).first()
    return existing or PublisherFactory(department=department)


@pytest.fixture
def november():
    """Three reports in November (two in one category and district), one in December."""
    initial_status()
    north = DistrictFactory(name="Nordviertel")
    lamp = CategoryFactory(service_code="licht", name="Laterne")
    pothole = CategoryFactory(service_code="loch", name="Schlagloch")
    ReportFactory(
        category=lamp,
        district=north,
        created_at=at(2026, 11, 2),
        first_answer_at=at(2026, 11, 2, 14),
        closed_at=at(2026, 11, 5),
        status=closed_status(),
    )
    ReportFactory(
        category=lamp,
        district=north,
        created_at=at(2026, 11, 20),
        first_answer_at=at(2026, 11, 21, 18),
    )
    ReportFactory(category=pothole, district=north, created_at=at(2026, 11, 30, 22))
    ReportFactory(category=pothole, district=north, created_at=at(2026, 12, 1, 9))
    ReportFactory(
        category=pothole, district=north, created_at=at(2026, 11, 3), moderation="pending"
    )  # not approved: not counted
    return north


def test_a_months_csv_counts_its_reports_per_category_and_district(november):
    rows = list(csv.reader(io.StringIO(catalogue.statistics_month_csv(month=date(2026, 11, 1)))))
    assert rows[0] == catalogue.CSV_HEADER
    # Lamps: answered after 4 h and after 32 h, median 18 h; one of the two closed.
    assert rows[1:] == [
        ["2026-11", "licht", "Laterne", "Nordviertel", "2", "1", "18.0"],
        ["2026-11", "loch", "Schlagloch", "Nordviertel", "1", "0", ""],
    ]


def test_only_closed_months_are_published(november):
    assert catalogue.statistics_months(now=NOW) == [date(2026, 11, 1)]
    assert catalogue.statistics_months(now=at(2026, 11, 15)) == []


def test_the_csv_download_answers_for_closed_months_only(client, november, time_machine):
    time_machine.move_to(NOW)
    with translation.override("de"):
        url = reverse("defects:statistics_csv", kwargs={"month": "2026-11"})
        december = reverse("defects:statistics_csv", kwargs={"month": "2026-12"})
        garbage = reverse("defects:statistics_csv", kwargs={"month": "2026-13"})
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "Laterne" in response.content.decode()
    assert client.get(december).status_code == 404  # not over yet
    assert client.get(garbage).status_code == 404


def test_the_dataset_is_published_with_a_csv_per_month_and_conforms(
    client,
    november,
    publisher,
    shapes_and_ontology,  # noqa: F811 - the fixture imported above
    time_machine,
):
    from opendata.catalogue.selectors import dataset_any_state

    time_machine.move_to(NOW)
    assert catalogue.defect_statistics_dataset_update() == catalogue.DATASET_NAME
    dataset = dataset_any_state(name=catalogue.DATASET_NAME)
    assert dataset.state == "published"
    assert [d.url.rsplit("/", 1)[1] for d in dataset.distributions.all()] == ["2026-11.csv"]
    # Nothing new: no second version in the record's history.
    versions = dataset.record_changes.count()
    assert catalogue.defect_statistics_dataset_update() == catalogue.DATASET_NAME
    assert dataset.record_changes.count() == versions
    # A month later, December is added in front.
    time_machine.move_to(NOW + timedelta(days=31))
    catalogue.defect_statistics_dataset_update()
    dataset = dataset_any_state(name=catalogue.DATASET_NAME)
    in_order = sorted(dataset.distributions.all(), key=lambda d: d.position)
    assert [d.url.rsplit("/", 1)[1] for d in in_order] == [
        "2026-12.csv",
        "2026-11.csv",
    ]
    turtle = client.get(f"/dataset/{catalogue.DATASET_NAME}.ttl")
    assert turtle.status_code == 200
    conforms, report = _validate(
        Graph().parse(data=turtle.content, format="turtle"), shapes_and_ontology
    )
    assert conforms, report


def test_without_a_closed_month_or_a_publisher_nothing_is_published(
    november, publisher, time_machine
):
    from opendata.catalogue.selectors import dataset_any_state

    time_machine.move_to(at(2026, 11, 25))
    assert catalogue.defect_statistics_dataset_update() is None  # no month is over yet
    time_machine.move_to(NOW)
    publisher.department = None
    publisher.save()
    assert catalogue.defect_statistics_dataset_update() is None  # the unit has no publisher
    assert dataset_any_state(name=catalogue.DATASET_NAME) is None
