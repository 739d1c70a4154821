"""A unique key on the features of interest the publication creates, filled in for the
existing ones (the oldest of any duplicates gets it; the others keep their cells)."""

import hashlib

from django.db import migrations, models


def _key(feature) -> str | None:
    # The keys of publish.h3_feature and publish.point_feature_key as of this migration.
    geometry = feature.feature
    if feature.name.startswith("H3 ") and geometry.geom_type == "Polygon":
        return f"h3:{feature.name[3:]}"
    if geometry.geom_type == "Point":
        text = f"{feature.name}|{geometry.srid}|{geometry.x!r}|{geometry.y!r}"
        return f"point:{hashlib.sha256(text.encode()).hexdigest()[:40]}"
    return None


def keys_fill(apps, schema_editor):
    FeatureOfInterest = apps.get_model("sensors", "FeatureOfInterest")
    taken = set()
    for feature in FeatureOfInterest.objects.order_by("pk").iterator():
        key = _key(feature)
        if key is not None and key not in taken:
            taken.add(key)
            FeatureOfInterest.objects.filter(pk=feature.pk).update(key=key)


class Migration(migrations.Migration):
    dependencies = [
        ("sensors", "0005_foreign_keys_indexed_by_their_composite_keys"),
    ]

    operations = [
        migrations.AddField(
            model_name="featureofinterest",
            name="key",
            field=models.CharField(
                blank=True,
                editable=False,
                max_length=80,
                null=True,
                unique=True,
                verbose_name="key",
            ),
        ),
        migrations.RunPython(keys_fill, migrations.RunPython.noop),
    ]
