"""Builds the demo city from code. Idempotent: a second run updates, never duplicates."""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from portal.core.demo import DemoCity


class Command(BaseCommand):
    help = "Creates or updates the demo city Lindenhafen (districts, people, pages, ...)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print logins.")

    def handle(self, *args, **options):
        city = DemoCity(
            name="Lindenhafen",
            now=timezone.now(),
            log=lambda text: self.stdout.write(f"  {text}"),
        )
        self.stdout.write("Seeding the demo city Lindenhafen:")
        with transaction.atomic():
            for config in apps.get_app_configs():
                module_name = f"{config.name}.demo"
                if find_spec(config.name) is None or find_spec(module_name) is None:
                    continue
                seed = getattr(import_module(module_name), "seed", None)
                if callable(seed):
                    seed(city)
        if not options["quiet_logins"]:
            self.stdout.write("Demo logins (password set on first seeding):")
            for role, email, password in city.logins:
                self.stdout.write(f"  {role:<10} {email:<34} {password}")
        self.stdout.write(self.style.SUCCESS("Demo city ready."))
