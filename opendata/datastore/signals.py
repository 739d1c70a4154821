"""Signal receivers: cleanup only; the work is in services.

A data-store table's rows are dropped with its record, also when a distribution's deletion
cascades to it (a cascade calls no service, so this one stays a receiver). Loads are enqueued
by the catalogue's write services through the hook ``DatastoreConfig.ready()`` registers.
"""

from __future__ import annotations

from typing import Any

from opendata.datastore import services
from opendata.datastore.models import DatastoreTable


def datastore_table_deleted(sender: type, instance: DatastoreTable, **kwargs: Any) -> None:
    services.datastore_table_removed(table=instance)
