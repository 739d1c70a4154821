"""Harvesting a CKAN over HTTP, with package dicts recorded from our own CKAN API."""

from __future__ import annotations

import copy
from datetime import UTC, timedelta

import pytest
from django.utils import timezone, translation

from opendata.catalogue.models import Dataset, DatasetRecordChange, Publisher
from opendata.harvest import importing, services
from opendata.harvest.models import HarvestedRecord, HarvestJob, HarvestSource
from tests.opendata.harvest.conftest import local_publishers_map


def _run(source: HarvestSource, user=None) -> HarvestJob:
    job = HarvestJob.objects.create(source=source, kind=source.kind, started_by=user)
    # The test client's requests leave German active in this thread: messages in English.
    with translation.override("en"):
        return services.harvest_source_run(source_id=source.pk, job_id=job.pk)


@pytest.fixture
def remote(fake_ckan, recorded_packages, empty_catalogue, ckan_source):
    fake_ckan.packages = copy.deepcopy(recorded_packages)
    local_publishers_map(ckan_source)
    return fake_ckan


def _searches(fake) -> list[dict]:
    return [r for r in fake.requests if r["path"].endswith("package_search")]


def test_pages_with_rows_start_and_sort_by_id(remote, ckan_source, city_admin):
    remote.rows_max = 15  # like ckan.search.rows_max: the site gives fewer than asked for
    total = len(remote.packages)
    assert total > 30

    job = _run(ckan_source, city_admin)

    assert job.status == HarvestJob.Status.FINISHED, job.errors
    searches = _searches(remote)
    assert [int(r["start"]) for r in searches] == list(range(0, total, 15))
    assert {r["rows"] for r in searches} == {"100"}
    assert {r["sort"] for r in searches} == {"id asc"}
    assert all("fq" not in r for r in searches)  # the first run takes everything
    assert job.created_count == total
    assert Dataset.objects.count() == total
    assert HarvestedRecord.objects.filter(source=ckan_source).count() == total
    ckan_source.refresh_from_db()
    assert ckan_source.last_job == job


def test_maps_groups_tags_licence_resources_and_organisation(remote, ckan_source):
    original = next(p for p in remote.packages if p["name"] == "ladepunkte")

    _run(ckan_source)

    dataset = Dataset.objects.get(name="ladepunkte")
    assert dataset.title == original["title"]
    assert dataset.description == original["notes"]
    assert dataset.theme_codes == sorted(g["name"].upper() for g in original["groups"])
    assert dataset.keyword_names == sorted(t["name"] for t in original["tags"])
    assert dataset.licence == original["license_id"]
    assert dataset.publisher.name == original["organization"]["name"]
    assert dataset.contact_email == original["maintainer_email"]
    assert sorted((d.url, d.format) for d in dataset.distributions.all()) == sorted(
        (r["url"], r["format"].upper()) for r in original["resources"]
    )
    assert dataset.state == Dataset.State.PUBLISHED
    assert dataset.harvested_record.remote_id == original["id"]


def test_history_records_the_harvest_and_who_started_it(remote, ckan_source, city_admin):
    _run(ckan_source, city_admin)

    change = DatasetRecordChange.objects.get(dataset__name="ladepunkte")
    assert change.source == "harvest"
    assert change.changed_by == city_admin


def test_datasets_seen_twice_while_paging_are_kept_once(remote, ckan_source):
    remote.rows_max = 10
    total = len(remote.packages)
    late = copy.deepcopy(remote.packages[0])
    late.update(id="00000000-0000-0000-0000-000000000000", name="spaet-veroeffentlicht")
    remote.published_while_paging = late

    job = _run(ckan_source)

    assert job.status == HarvestJob.Status.FINISHED
    # total + 1 records in pages of 10: the overlap may cost one more request, none is lost.
    assert [int(r["start"]) for r in _searches(remote)] == list(range(0, total + 1, 10))
    assert job.created_count == total
    assert (job.unchanged_count, job.skipped_count, job.errors) == (0, 0, [])
    assert Dataset.objects.count() == total
    assert not Dataset.objects.filter(name="spaet-veroeffentlicht").exists()  # next run


def test_second_run_asks_only_for_changes_since_the_last_error_free_run(remote, ckan_source):
    for package in remote.packages:
        package["metadata_modified"] = "2020-01-01T00:00:00"
    first = _run(ckan_source)
    assert first.status == HarvestJob.Status.FINISHED and not first.errors

    changed = next(package for package in remote.packages if package["version"])
    changed["title"] = "Geänderter Titel"
    changed["version"] = ""  # what the source no longer says is cleared here too
    changed["metadata_modified"] = timezone.now().replace(tzinfo=None).isoformat()
    remote.requests.clear()

    second = _run(ckan_source)

    since = (first.started - timedelta(hours=1)).astimezone(UTC)
    expected = f"metadata_modified:[{since:%Y-%m-%dT%H:%M:%S}Z TO *]"
    assert {r.get("fq") for r in _searches(remote)} == {expected}
    assert (second.created_count, second.updated_count, second.unchanged_count) == (0, 1, 0)
    updated = Dataset.objects.get(name=changed["name"])
    assert (updated.title, updated.version) == ("Geänderter Titel", "")
    versions = DatasetRecordChange.objects.filter(dataset__name=changed["name"])
    assert versions.count() == 2
    assert "title" in versions.first().changed_fields


def test_organisation_and_fq_filters_are_sent(remote, ckan_source):
    ckan_source.organisation = "stadtwerke"
    ckan_source.fq = "groups:ener OR groups:envi"
    ckan_source.save()

    job = _run(ckan_source)

    fq = _searches(remote)[0]["fq"]
    assert fq == "(groups:ener OR groups:envi) AND organization:stadtwerke"
    expected = [p for p in remote.packages if p["organization"]["name"] == "stadtwerke"]
    assert job.created_count == len(expected) > 0


def test_rerun_after_errors_is_complete_and_reports_unchanged(remote, ckan_source):
    remote.packages[0].update(
        license_id="proprietary-licence", license_url="https://example.org/licence"
    )
    first = _run(ckan_source)
    assert first.skipped_count == 1
    assert first.errors[0]["record"] == remote.packages[0]["name"]
    assert first.errors[0]["field"] == "license_id"
    assert "proprietary-licence" in first.errors[0]["message"]
    assert not Dataset.objects.filter(name=remote.packages[0]["name"]).exists()
    remote.requests.clear()

    second = _run(ckan_source)

    # The first run had errors, so the second asks for everything again.
    assert all("fq" not in r for r in _searches(remote))
    total = len(remote.packages)
    assert (second.created_count, second.updated_count) == (0, 0)
    assert (second.unchanged_count, second.skipped_count) == (total - 1, 1)
    assert DatasetRecordChange.objects.filter(source="harvest").count() == total - 1


def test_a_local_dataset_with_the_same_name_is_never_overwritten(remote, ckan_source):
    package = remote.packages[0]
    local = Dataset.objects.create(
        name=package["name"],
        title="Lokaler Datensatz",
        description="Von der Redaktion gepflegt",
        publisher=Publisher.objects.get(name="smart-city"),
        contact_name="Redaktion",
        contact_email="redaktion@lindenhafen.example",
    )

    job = _run(ckan_source)

    assert job.status == HarvestJob.Status.FINISHED
    assert job.skipped_count == 1
    assert job.errors[0]["record"] == package["name"]
    assert "already exists" in job.errors[0]["message"]
    local.refresh_from_db()
    assert local.title == "Lokaler Datensatz"
    assert not HarvestedRecord.objects.filter(dataset=local).exists()


def test_a_dataset_from_another_source_is_never_overwritten(remote, ckan_source):
    _run(ckan_source)
    other = HarvestSource.objects.create(
        title="Zweite Quelle",
        kind=HarvestSource.Kind.CKAN,
        url=remote.url,
        publisher=ckan_source.publisher,
    )
    remote.packages[0]["title"] = "Anders"

    job = _run(other)

    assert job.skipped_count == len(remote.packages)
    assert Dataset.objects.get(name=remote.packages[0]["name"]).title != "Anders"
    assert not HarvestedRecord.objects.filter(source=other).exists()


def test_an_unknown_organisation_becomes_a_publisher(remote, ckan_source):
    remote.packages = remote.packages[:1]
    remote.packages[0]["organization"] = {
        "name": "kreis-nachbarland",
        "title": "Kreis Nachbarland",
        "description": "",
    }

    _run(ckan_source)

    publisher = Publisher.objects.get(name="kreis-nachbarland")
    assert publisher.title == "Kreis Nachbarland"
    assert Dataset.objects.get().publisher == publisher


def test_a_slow_source_fails_the_job_and_imports_nothing(fake_ckan, recorded_packages, ckan_source):
    fake_ckan.packages = recorded_packages
    fake_ckan.delay = 2.5
    ckan_source.timeout_seconds = 1
    ckan_source.save()
    before = Dataset.objects.count()

    job = _run(ckan_source)

    assert job.status == HarvestJob.Status.FAILED
    assert "did not answer within 1 s" in job.errors[0]["message"]
    assert job.finished is not None
    assert job.created_count == job.updated_count == 0
    assert Dataset.objects.count() == before
    assert not HarvestedRecord.objects.exists()


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("error", "HTTP 500"),
        ("badjson", "valid JSON"),
        ("notckan", "not a successful CKAN response"),
    ],
)
def test_broken_answers_fail_the_job_with_the_cause(remote, ckan_source, mode, message):
    remote.mode = mode

    job = _run(ckan_source)

    assert job.status == HarvestJob.Status.FAILED
    assert message in job.errors[0]["message"]
    assert not Dataset.objects.exists()


def test_an_unreachable_source_fails_the_job(ckan_source, empty_catalogue):
    ckan_source.url = "http://127.0.0.1:9"  # discard port: nothing listens
    ckan_source.save()

    job = _run(ckan_source)

    assert job.status == HarvestJob.Status.FAILED
    assert "could not be reached" in job.errors[0]["message"]


def test_a_failure_in_the_middle_rolls_back_the_whole_job(remote, ckan_source, monkeypatch):
    calls = []
    original = importing.publication_state

    def failing(dataset, distributions):
        calls.append(dataset.name)
        if len(calls) == 5:
            raise RuntimeError("disk full")
        return original(dataset, distributions)

    monkeypatch.setattr(importing, "publication_state", failing)

    job = _run(ckan_source)

    assert len(calls) == 5
    assert job.status == HarvestJob.Status.FAILED
    assert "RuntimeError" in job.errors[0]["message"]
    assert not Dataset.objects.exists()
    assert not HarvestedRecord.objects.exists()
    assert not DatasetRecordChange.objects.filter(source="harvest").exists()
    assert HarvestJob.objects.get(pk=job.pk).status == HarvestJob.Status.FAILED


def test_running_a_job_twice_changes_nothing_the_second_time(remote, ckan_source):
    job = HarvestJob.objects.create(source=ckan_source, kind=ckan_source.kind)
    services.harvest_source_run(source_id=ckan_source.pk, job_id=job.pk)
    requests_after_first = len(remote.requests)

    again = services.harvest_source_run(source_id=ckan_source.pk, job_id=job.pk)

    assert again.status == HarvestJob.Status.FINISHED
    assert len(remote.requests) == requests_after_first
    assert HarvestJob.objects.count() == 1


def test_harvests_our_own_ckan_api_end_to_end(seeded_live_server, empty_catalogue, ckan_source):
    """Against the portal's real package_search: paging, sort and the incremental fq."""
    # The local datasets are gone in this test's transaction; the live server still serves
    # them from the committed demo catalogue.
    ckan_source.url = seeded_live_server.url
    ckan_source.rows = 15  # below the admin's minimum, to page through the demo catalogue
    ckan_source.save()
    local_publishers_map(ckan_source)

    first = _run(ckan_source)

    assert first.status == HarvestJob.Status.FINISHED, first.errors
    assert first.errors == []
    published = set(Dataset.objects.values_list("name", flat=True))
    assert first.created_count == len(published) > 30
    assert "ladepunkte" in published

    second = _run(ckan_source)

    # The demo was seeded within the margin of the last run, so all come again, unchanged.
    assert second.status == HarvestJob.Status.FINISHED, second.errors
    assert (second.created_count, second.updated_count) == (0, 0)
    assert second.unchanged_count == len(published)


def test_sources_in_private_networks_are_refused_by_default(remote, ckan_source, settings):
    settings.HARVEST_ALLOW_PRIVATE_HOSTS = False
    before = Dataset.objects.count()
    job = _run(ckan_source)
    assert job.status == HarvestJob.Status.FAILED
    assert "private network" in job.errors[0]["message"]
    assert "HARVEST_ALLOW_PRIVATE_HOSTS" in job.errors[0]["message"]
    assert remote.requests == []  # nothing was asked of the source
    assert Dataset.objects.count() == before
