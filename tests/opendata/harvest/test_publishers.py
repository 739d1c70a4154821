"""Which publisher a harvested dataset is filed under: only one the same source created or
one staff mapped, never a city publisher that the remote organisation merely names."""

from __future__ import annotations

import copy
import importlib

import pytest
from django.apps import apps

from opendata.catalogue.models import Dataset, Publisher
from opendata.harvest import services
from opendata.harvest.models import HarvestJob, HarvestSource, PublisherMapping
from tests.factories import DatasetFactory


def _run(source: HarvestSource) -> HarvestJob:
    job = HarvestJob.objects.create(source=source, kind=source.kind)
    return services.harvest_source_run(source_id=source.pk, job_id=job.pk)


@pytest.fixture
def city_office(demo_city) -> Publisher:
    """A city publisher that is not the harvest source's default."""
    return Publisher.objects.exclude(name="smart-city").filter(department__isnull=False)[0]


@pytest.fixture
def one_package(fake_ckan, recorded_packages, empty_catalogue) -> dict:
    fake_ckan.packages = [copy.deepcopy(recorded_packages[0])]
    return fake_ckan.packages[0]


def _other_source(ckan_source: HarvestSource) -> HarvestSource:
    return HarvestSource.objects.create(
        title="Zweite Quelle",
        kind=HarvestSource.Kind.CKAN,
        url=ckan_source.url,
        publisher=ckan_source.publisher,
        timeout_seconds=5,
    )


@pytest.mark.parametrize("named_by", ["name", "title"])
def test_an_organisation_named_like_a_city_publisher_is_not_filed_under_it(
    one_package, ckan_source, city_office, named_by
):
    one_package["organization"] = (
        {"name": city_office.name, "title": "Irgendwer"}
        if named_by == "name"
        else {"name": "irgendwer", "title": city_office.title.upper()}
    )

    job = _run(ckan_source)

    assert job.status == HarvestJob.Status.FINISHED
    dataset = Dataset.objects.get(name=one_package["name"])
    assert dataset.publisher == ckan_source.publisher
    assert not Dataset.objects.filter(publisher=city_office).exists()
    assert [e["field"] for e in job.errors] == ["publisher"]
    assert "dieser Quelle nicht zugeordnet" in job.errors[0]["message"]  # the site's German
    assert not PublisherMapping.objects.exists()


def test_staff_can_map_a_remote_organisation_to_a_city_publisher(
    one_package, ckan_source, city_office
):
    one_package["organization"] = {"name": "tiefbau-remote", "title": "Tiefbau"}
    PublisherMapping.objects.create(
        source=ckan_source, remote_name="tiefbau-remote", publisher=city_office
    )

    job = _run(ckan_source)

    assert (job.created_count, job.errors) == (1, [])
    assert Dataset.objects.get(name=one_package["name"]).publisher == city_office


def test_a_mapping_added_later_moves_the_unchanged_records(one_package, ckan_source, city_office):
    one_package["organization"] = {"name": city_office.name, "title": city_office.title}
    _run(ckan_source)
    assert Dataset.objects.get(name=one_package["name"]).publisher == ckan_source.publisher

    PublisherMapping.objects.create(
        source=ckan_source, remote_name=city_office.name, publisher=city_office
    )
    job = _run(ckan_source)

    assert (job.updated_count, job.unchanged_count, job.errors) == (1, 0, [])
    assert Dataset.objects.get(name=one_package["name"]).publisher == city_office


def test_the_publisher_a_source_created_is_used_again_by_that_source(
    fake_ckan, one_package, ckan_source
):
    one_package["organization"] = {"name": "kreis-nachbarland", "title": "Kreis Nachbarland"}
    _run(ckan_source)
    created = Publisher.objects.get(name="kreis-nachbarland")
    mapping = PublisherMapping.objects.get(source=ckan_source)
    assert (mapping.remote_name, mapping.publisher, mapping.created_by_harvest) == (
        "kreis-nachbarland",
        created,
        True,
    )

    second = copy.deepcopy(one_package)
    second.update(id="ffffffff-0000-0000-0000-000000000000", name="zweiter-datensatz")
    fake_ckan.packages.append(second)
    job = _run(ckan_source)

    assert (job.created_count, job.errors) == (1, [])
    assert Dataset.objects.get(name="zweiter-datensatz").publisher == created
    assert Publisher.objects.filter(title="Kreis Nachbarland").count() == 1


def test_a_publisher_another_source_created_is_not_taken_over(fake_ckan, one_package, ckan_source):
    one_package["organization"] = {"name": "kreis-nachbarland", "title": "Kreis Nachbarland"}
    _run(ckan_source)
    created = Publisher.objects.get(name="kreis-nachbarland")
    other = _other_source(ckan_source)
    one_package.update(id="ffffffff-0000-0000-0000-000000000000", name="von-der-zweiten")

    job = _run(other)

    assert job.created_count == 1
    assert Dataset.objects.get(name="von-der-zweiten").publisher == other.publisher
    assert job.errors[0]["field"] == "publisher"
    assert Dataset.objects.filter(publisher=created).count() == 1


def test_the_upgrade_maps_publishers_earlier_harvests_created_and_no_other(
    fake_ckan, one_package, ckan_source
):
    """The data migration: a publisher without a department whose datasets all came from one
    source is mapped to it; one that also has a local dataset is not."""
    one_package["organization"] = {"name": "kreis-nachbarland", "title": "Kreis Nachbarland"}
    mixed = copy.deepcopy(one_package)
    mixed.update(
        id="ffffffff-0000-0000-0000-000000000000",
        name="gemischt-geerntet",
        organization={"name": "gemischt", "title": "Gemischt"},
    )
    fake_ckan.packages.append(mixed)
    _run(ckan_source)
    DatasetFactory(publisher=Publisher.objects.get(name="gemischt"))
    PublisherMapping.objects.all().delete()  # as before the upgrade

    migration = importlib.import_module(
        "opendata.harvest.migrations.0003_map_publishers_harvests_created"
    )
    migration.map_created_publishers(apps, None)

    mappings = PublisherMapping.objects.values_list("source", "remote_name", "publisher__name")
    assert list(mappings) == [(ckan_source.pk, "kreis-nachbarland", "kreis-nachbarland")]
