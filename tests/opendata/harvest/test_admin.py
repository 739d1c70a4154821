"""The "Harvesting" admin: sources, run now, jobs with their errors, sheet upload."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from opendata.catalogue.models import Dataset, Publisher
from opendata.harvest import csv_sheet
from opendata.harvest.models import HarvestJob, HarvestSource

GOOD_SHEET = csv_sheet.template_csv().encode()


def _bad_sheet() -> bytes:
    lines = csv_sheet.template_csv().splitlines()
    good = lines[1]
    bad = good.replace("daten@stadtwerke.example", "keine-adresse").replace(
        "beispiel-ladepunkte", "zweiter-datensatz"
    )
    return "\r\n".join([lines[0], good, bad]).encode()


def _upload(client, content: bytes, name: str = "liste.csv"):
    return client.post(
        reverse("harvest_import:upload"),
        {"sheet": SimpleUploadedFile(name, content, content_type="text/csv")},
    )


@pytest.fixture(autouse=True)
def _admin_in_english(personas):
    """The admin speaks each user's preferred language; the assertions read English."""
    from wagtail.users.models import UserProfile

    for user in personas.values():
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()


@pytest.fixture
def source(demo_city):
    return HarvestSource.objects.create(
        title="Nachbarstadt",
        kind="ckan",
        url="http://127.0.0.1:9",
        publisher=Publisher.objects.get(name="smart-city"),
        timeout_seconds=1,
    )


def test_staff_with_catalogue_rights_see_all_harvest_pages(client, city_admin, source):
    client.force_login(city_admin)
    for url in [
        reverse("harvest_sources:index"),
        reverse("harvest_sources:add"),
        reverse("harvest_sources:edit", args=[source.pk]),
        reverse("harvest_sources:run", args=[source.pk]),
        reverse("harvest_jobs:index"),
        reverse("harvest_import:upload"),
    ]:
        assert client.get(url).status_code == 200, url


def test_the_menu_shows_harvesting_only_to_those_who_may_use_it(client, city_admin, editor):
    client.force_login(city_admin)
    menu = client.get("/admin/").content.decode()
    assert "Harvesting" in menu
    assert reverse("harvest_import:upload") in menu
    client.force_login(editor)
    menu = client.get("/admin/").content.decode()
    assert "Harvesting" not in menu
    assert reverse("harvest_import:upload") not in menu


def test_the_source_list_offers_run_now(client, city_admin, source):
    client.force_login(city_admin)
    response = client.get(reverse("harvest_sources:index"))
    assert reverse("harvest_sources:run", args=[source.pk]) in response.content.decode()


@pytest.mark.parametrize("persona", ["editor", "moderator"])
def test_staff_without_catalogue_rights_are_refused(client, personas, source, persona):
    client.force_login(personas[persona])
    for url in [
        reverse("harvest_sources:index"),
        reverse("harvest_sources:run", args=[source.pk]),
        reverse("harvest_jobs:index"),
        reverse("harvest_import:upload"),
        reverse("harvest_import:template"),
    ]:
        response = client.get(url)
        assert response.status_code in {302, 403}, url
    assert _upload(client, GOOD_SHEET).status_code in {302, 403}
    response = client.post(reverse("harvest_sources:run", args=[source.pk]))
    assert response.status_code in {302, 403}
    assert not HarvestJob.objects.exists()
    assert not Dataset.objects.filter(name="beispiel-ladepunkte").exists()


def test_anonymous_visitors_are_sent_to_the_login(client, source):
    response = client.get(reverse("harvest_import:upload"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_dataset_editors_may_import(client, editor):
    editor.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="catalogue", codename__in=["add_dataset", "change_dataset"]
        )
    )
    client.force_login(editor)
    response = _upload(client, GOOD_SHEET)
    assert response.status_code == 302
    assert Dataset.objects.filter(name="beispiel-ladepunkte").exists()


def test_the_upload_form_shows_row_errors_and_imports_nothing(client, city_admin):
    client.force_login(city_admin)

    response = _upload(client, _bad_sheet())

    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was imported" in page
    assert "row 3" in page
    assert "contact_email" in page
    assert not Dataset.objects.filter(
        name__in=["beispiel-ladepunkte", "zweiter-datensatz"]
    ).exists()
    job = HarvestJob.objects.get()
    assert job.status == HarvestJob.Status.FAILED
    # Staff find the failure again in the list of jobs, with its errors.
    assert "failed" in client.get(reverse("harvest_jobs:index")).content.decode()
    inspect = client.get(reverse("harvest_jobs:inspect", args=[job.pk])).content.decode()
    assert "row 3" in inspect
    assert "contact_email" in inspect


def test_the_upload_form_reports_a_bad_encoding(client, city_admin):
    client.force_login(city_admin)

    response = _upload(client, "name,title\nä,ö\n".encode("cp1252"))

    assert response.status_code == 400
    assert "not UTF-8 encoded" in response.content.decode()


def test_a_good_upload_imports_and_shows_the_job(client, city_admin):
    client.force_login(city_admin)

    response = _upload(client, GOOD_SHEET)

    job = HarvestJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("harvest_jobs:inspect", args=[job.pk])
    assert job.status == HarvestJob.Status.FINISHED
    assert job.created_count == 1
    assert job.file_name == "liste.csv"
    assert job.started_by == city_admin
    assert Dataset.objects.filter(name="beispiel-ladepunkte").exists()


def test_the_template_downloads(client, city_admin):
    client.force_login(city_admin)
    response = client.get(reverse("harvest_import:template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().splitlines()[0] == ",".join(csv_sheet.COLUMNS)


def test_run_now_queues_a_job_that_the_worker_runs(
    client, city_admin, source, django_capture_on_commit_callbacks
):
    client.force_login(city_admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("harvest_sources:run", args=[source.pk]))

    assert response.status_code == 302
    job = HarvestJob.objects.get()
    assert job.source == source
    assert job.started_by == city_admin
    # Eager Celery ran it at once: nothing listens at the source, so the job failed visibly.
    assert job.status == HarvestJob.Status.FAILED
    # In the language of the admin who started it; the address names the cause either way.
    assert "127.0.0.1:9" in job.errors[0]["message"]
    source.refresh_from_db()
    assert source.last_job == job
    listing = client.get(reverse("harvest_jobs:index")).content.decode()
    assert "failed" in listing


def test_jobs_cannot_be_added_or_edited_by_hand(client, city_admin, source):
    job = HarvestJob.objects.create(source=source, kind="ckan")
    client.force_login(city_admin)
    assert client.get(reverse("harvest_jobs:add")).status_code in {302, 403}
    assert client.get(reverse("harvest_jobs:edit", args=[job.pk])).status_code in {302, 403}


def test_staff_add_a_source_and_rows_are_bounded(client, city_admin):
    client.force_login(city_admin)
    data = {
        "title": "Landesportal",
        "kind": "ckan",
        "active": "on",
        "url": "https://ckan.land.example",
        "publisher": str(Publisher.objects.get(name="smart-city").pk),
        "organisation": "",
        "fq": "",
        "rows": "5000",
        "timeout_seconds": "30",
        # The (empty) list of publisher mappings, as the form sends it.
        "publisher_mappings-TOTAL_FORMS": "0",
        "publisher_mappings-INITIAL_FORMS": "0",
        "publisher_mappings-MIN_NUM_FORMS": "0",
        "publisher_mappings-MAX_NUM_FORMS": "1000",
    }

    refused = client.post(reverse("harvest_sources:add"), data)

    assert refused.status_code == 200  # the form again, with the error
    assert not HarvestSource.objects.exists()

    response = client.post(reverse("harvest_sources:add"), {**data, "rows": "500"})

    assert response.status_code == 302
    source = HarvestSource.objects.get()
    assert (source.title, source.rows, source.active) == ("Landesportal", 500, True)


def test_staff_map_remote_organisations_in_the_source_form(client, city_admin, source):
    office = Publisher.objects.exclude(name="smart-city")[0]
    client.force_login(city_admin)
    form = client.get(reverse("harvest_sources:edit", args=[source.pk])).content.decode()
    assert "publisher_mappings-TOTAL_FORMS" in form

    response = client.post(
        reverse("harvest_sources:edit", args=[source.pk]),
        {
            "title": source.title,
            "kind": source.kind,
            "active": "on",
            "url": "https://daten.nachbarstadt.example",
            "publisher": source.publisher.pk,
            "organisation": "",
            "fq": "",
            "rows": 100,
            "timeout_seconds": 30,
            "publisher_mappings-TOTAL_FORMS": 1,
            "publisher_mappings-INITIAL_FORMS": 0,
            "publisher_mappings-MIN_NUM_FORMS": 0,
            "publisher_mappings-MAX_NUM_FORMS": 1000,
            "publisher_mappings-0-remote_name": "tiefbau-nachbarstadt",
            "publisher_mappings-0-publisher": office.pk,
            "publisher_mappings-0-id": "",
            "publisher_mappings-0-ORDER": 1,
            "publisher_mappings-0-DELETE": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(source.publisher_mappings.values_list("remote_name", "publisher")) == [
        ("tiefbau-nachbarstadt", office.pk)
    ]
