"""Publishers that earlier harvests created are mapped to their source, so that the stricter
matching keeps filing those datasets where they are. A publisher counts as created by a
source when it belongs to no department and every one of its datasets came from that source;
a city publisher (with local datasets or a department) is never mapped."""

from django.db import migrations


def map_created_publishers(apps, schema_editor):
    Publisher = apps.get_model("catalogue", "Publisher")
    HarvestedRecord = apps.get_model("harvest", "HarvestedRecord")
    PublisherMapping = apps.get_model("harvest", "PublisherMapping")
    Dataset = apps.get_model("catalogue", "Dataset")
    for publisher in Publisher.objects.filter(department__isnull=True).iterator():
        datasets = Dataset.objects.filter(publisher=publisher)
        sources = set(
            HarvestedRecord.objects.filter(dataset__publisher=publisher).values_list(
                "source_id", flat=True
            )
        )
        harvested = HarvestedRecord.objects.filter(dataset__publisher=publisher).count()
        if len(sources) != 1 or harvested != datasets.count():
            continue
        (source_id,) = sources
        if apps.get_model("harvest", "HarvestSource").objects.filter(
            pk=source_id, publisher=publisher
        ).exists():
            continue  # the source's default publisher needs no mapping
        PublisherMapping.objects.get_or_create(
            source_id=source_id,
            remote_name=publisher.name,
            defaults={"publisher": publisher, "created_by_harvest": True},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0004_dataset_search_text"),
        ("harvest", "0002_publisher_mapping"),
    ]

    operations = [migrations.RunPython(map_created_publishers, migrations.RunPython.noop)]
