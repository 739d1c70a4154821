"""Operations check: one task round-trips through the broker and a worker."""

from __future__ import annotations

import secrets
import time

from django.core.management.base import BaseCommand, CommandError

from portal.core.tasks import ping_task


class Command(BaseCommand):
    help = "Sends a ping task through the broker and waits for a worker's answer."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=30.0)

    def handle(self, *args, **options):
        token = secrets.token_hex(8)
        started = time.monotonic()
        try:
            answer = ping_task.delay(token).get(timeout=options["timeout"])
        except Exception as exc:
            raise CommandError(
                f"no worker answered within {options['timeout']} s: {exc!r}"
            ) from exc
        if answer != token:
            raise CommandError(f"the worker answered {answer!r}, expected {token!r}")
        elapsed = (time.monotonic() - started) * 1000
        self.stdout.write(self.style.SUCCESS(f"worker answered in {elapsed:.0f} ms"))
