"""Demo data store: every CSV file of the demo catalogue, loaded synchronously."""

from __future__ import annotations

from opendata.catalogue.models import Distribution
from opendata.datastore import services
from opendata.datastore.models import DatastoreTable
from portal.core.demo import DemoCity


def seed(city: DemoCity) -> None:
    distributions = Distribution.objects.filter(format__in=services.LOADABLE_FORMATS).exclude(
        file=""
    )
    active = 0
    for distribution in distributions.order_by("pk"):
        table = services.datastore_load(distribution=distribution)  # unchanged files: skipped
        active += bool(table and table.status == DatastoreTable.Status.ACTIVE)
    city.log(f"{active} CSV distributions in the data store")
