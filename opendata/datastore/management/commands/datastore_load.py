"""Load CSV distributions into the data store now (synchronously): one by id, or all."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from opendata.catalogue.models import Distribution
from opendata.datastore import services


class Command(BaseCommand):
    help = "Loads CSV distributions into the data store: `--all` or one distribution id."

    def add_arguments(self, parser):
        parser.add_argument("distribution_id", nargs="?", help="The distribution's id (UUID).")
        parser.add_argument("--all", action="store_true", help="Every CSV distribution.")
        parser.add_argument(
            "--force", action="store_true", help="Reload even when the file is unchanged."
        )

    def handle(self, *args, **options):
        if bool(options["all"]) == bool(options["distribution_id"]):
            raise CommandError("Give either a distribution id or --all.")
        if options["all"]:
            distributions = Distribution.objects.filter(
                format__in=services.LOADABLE_FORMATS
            ).exclude(file="")
        else:
            try:
                distributions = Distribution.objects.filter(pk=options["distribution_id"])
                found = distributions.exists()
            except Exception:  # a malformed UUID
                found = False
            if not found:
                raise CommandError(f"No distribution {options['distribution_id']}.")
        failed = 0
        for distribution in distributions.order_by("pk"):
            table = services.datastore_load(distribution=distribution, force=options["force"])
            if table is None:
                self.stdout.write(f"{distribution.pk}: not a CSV upload, nothing to load")
                continue
            line = f"{distribution.pk}: {table.status}, {table.row_count} rows"
            if table.status == table.Status.FAILED:
                failed += 1
                self.stdout.write(self.style.ERROR(f"{line} – {table.error}"))
            else:
                self.stdout.write(line)
        if failed:
            raise CommandError(f"{failed} load(s) failed.")
