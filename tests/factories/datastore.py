"""Factories of opendata.datastore."""

from __future__ import annotations

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from opendata.datastore.models import DatastoreTable, OrphanedTable
from tests.factories.catalogue import DistributionFactory


class DatastoreTableFactory(DjangoModelFactory):
    """The record of a data-store table; no table of rows is created (a loader's job)."""

    class Meta:
        model = DatastoreTable

    distribution = factory.SubFactory(DistributionFactory)
    table_name = factory.Sequence(lambda n: f"ds_test_{n}")
    fields = factory.LazyFunction(lambda: [{"id": "name", "type": "text"}])


class OrphanedTableFactory(DjangoModelFactory):
    """A table name the sweep noted as orphaned (no such table needs to exist)."""

    class Meta:
        model = OrphanedTable

    name = factory.Sequence(lambda n: f"datastore_orphan_{n}")
    first_seen_at = factory.LazyFunction(timezone.now)
