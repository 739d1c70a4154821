"""Factories of opendata.harvest: sources, jobs and harvested records."""

from __future__ import annotations

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from opendata.harvest.models import HarvestedRecord, HarvestJob, HarvestSource, PublisherMapping
from tests.factories.catalogue import DatasetFactory, PublisherFactory


class HarvestSourceFactory(DjangoModelFactory):
    class Meta:
        model = HarvestSource

    title = factory.Sequence(lambda n: f"Test source {n}")
    kind = HarvestSource.Kind.CKAN
    url = factory.Sequence(lambda n: f"https://ckan{n}.example.org")
    publisher = factory.SubFactory(PublisherFactory)


class HarvestJobFactory(DjangoModelFactory):
    class Meta:
        model = HarvestJob

    source = factory.SubFactory(HarvestSourceFactory)
    kind = factory.LazyAttribute(lambda job: job.source.kind if job.source else HarvestJob.Kind.CSV)


class HarvestedRecordFactory(DjangoModelFactory):
    class Meta:
        model = HarvestedRecord

    source = factory.SubFactory(HarvestSourceFactory)
    remote_id = factory.Sequence(lambda n: f"remote-{n}")
    dataset = factory.SubFactory(DatasetFactory)
    content_hash = "0" * 64
    last_seen = factory.LazyFunction(timezone.now)


class PublisherMappingFactory(DjangoModelFactory):
    class Meta:
        model = PublisherMapping

    source = factory.SubFactory(HarvestSourceFactory)
    remote_name = factory.Sequence(lambda n: f"remote-org-{n}")
    publisher = factory.SubFactory(PublisherFactory)
