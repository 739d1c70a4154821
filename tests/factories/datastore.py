"""Factories of opendata.datastore."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from opendata.datastore.models import DatastoreTable
from tests.factories.catalogue import DistributionFactory


class DatastoreTableFactory(DjangoModelFactory):
    """The record of a data-store table; no table of rows is created (a loader's job)."""

    class Meta:
        model = DatastoreTable

    distribution = factory.SubFactory(DistributionFactory)
    table_name = factory.Sequence(lambda n: f"ds_test_{n}")
    fields = factory.LazyFunction(lambda: [{"id": "name", "type": "text"}])
