from django.conf import settings
from django.db import migrations, models
from django.db.models.functions import Coalesce


def published_when_confirmed_or_reported(apps, schema_editor):
    """Approved reports were published when confirmed, or else when reported (the moderator's
    moment was not kept before; the digest loses nothing by the earlier time)."""
    Report = apps.get_model("defects", "Report")
    Report.objects.filter(moderation="approved").update(
        published_at=Coalesce("confirmed_at", "created_at")
    )


class Migration(migrations.Migration):

    dependencies = [
        ('defects', '0003_report_location_spatial_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='report',
            name='published_at',
            field=models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='published'),
        ),
        migrations.RunPython(published_when_confirmed_or_reported, migrations.RunPython.noop),
        migrations.AddField(
            model_name='reportupdate',
            name='external_ref',
            field=models.CharField(blank=True, max_length=120, verbose_name='external reference'),
        ),
        migrations.AddConstraint(
            model_name='reportupdate',
            constraint=models.UniqueConstraint(condition=models.Q(('external_ref', ''), _negated=True), fields=('external_ref',), name='defects_update_external_ref_unique'),
        ),
    ]
