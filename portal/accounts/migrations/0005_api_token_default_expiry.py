"""Tokens made before expiry was the default get one: a full default term from today (their
owners are mailed before it ends). Reversing keeps the dates: which were unset is unknown."""

from datetime import timedelta

from django.conf import settings
from django.db import migrations
from django.utils import timezone


def tokens_give_expiry(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    days = getattr(settings, "API_TOKEN_DEFAULT_EXPIRY_DAYS", 365)
    ApiToken.objects.filter(expires_at__isnull=True, revoked_at__isnull=True).update(
        expires_at=timezone.now() + timedelta(days=days)
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_api_token_expiry_warning")]

    operations = [migrations.RunPython(tokens_give_expiry, migrations.RunPython.noop)]
