"""Signal receivers: they only enqueue work or clean up; the work is in services."""

from __future__ import annotations

from typing import Any

from opendata.catalogue.models import Distribution
from opendata.datastore.models import DatastoreTable
from portal.core.jobs import enqueue_on_commit


def distribution_saved(sender: type, instance: Distribution, raw: bool = False, **kwargs: Any):
    """A saved CSV upload is (re)loaded after commit; an unchanged file is skipped there."""
    from opendata.datastore import services
    from opendata.datastore.tasks import datastore_load_task

    if raw:
        return
    if (
        services.is_loadable(instance)
        or DatastoreTable.objects.filter(distribution_id=instance.pk).exists()
    ):
        enqueue_on_commit(datastore_load_task, str(instance.pk))


def datastore_table_deleted(sender: type, instance: DatastoreTable, **kwargs: Any) -> None:
    """The rows go with their record, also when a distribution's deletion cascades to it."""
    from django.utils import timezone

    from opendata.catalogue.models import Dataset
    from opendata.datastore.services import datastore_table_drop

    datastore_table_drop(table_name=instance.table_name)
    # datastore_active is part of the package record (cached under metadata_modified).
    Dataset.objects.filter(distributions__id=instance.distribution_id).update(
        metadata_modified=timezone.now()
    )
