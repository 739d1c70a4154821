"""Tables loaded before the sweep compared files were checked when their status last changed.

Without this, the first sweep after the upgrade would read every CSV file once more.
"""

from django.db import migrations
from django.db.models import F


def forwards(apps, schema_editor):
    DatastoreTable = apps.get_model("datastore", "DatastoreTable")
    # Pending tables and loads in progress have not checked their file yet.
    DatastoreTable.objects.filter(checked_at__isnull=True).exclude(
        status__in=["pending", "loading"]
    ).update(checked_at=F("status_changed_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("datastore", "0002_sweep_checked_at_orphans"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
