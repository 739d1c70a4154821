"""A broker that never answers costs a request seconds, not a worker: the job waits for the
periodic sweep."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from portal.core.models import ContactMessage
from portal.settings.base import REDIS_BROKER_TRANSPORT_OPTIONS
from tests.faults import hanging_redis_url


@pytest.mark.timeout(60)
def test_a_contact_message_is_stored_while_the_broker_never_answers(
    client, demo_city, celery_broker, django_capture_on_commit_callbacks
):
    with hanging_redis_url() as url:
        celery_broker(url, None, REDIS_BROKER_TRANSPORT_OPTIONS)
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/en/contact/",
                {
                    "topic": "general",
                    "name": "Broker Test",
                    "email": "broker@example.org",
                    "message": "Is anyone there?",
                    "consent": "on",
                },
            )
        took = time.monotonic() - started
    assert response.status_code == 302
    assert took < 10
    contact = ContactMessage.objects.get(email="broker@example.org")
    assert contact.forwarded_at is None  # the sweep forwards it once the broker is back


def test_a_redis_broker_gets_the_socket_timeouts():
    """The settings give a Redis broker (and only a Redis broker) these options."""
    code = "import portal.settings.dev as s; print(s.CELERY_BROKER_TRANSPORT_OPTIONS)"
    env = {**os.environ, "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == str(REDIS_BROKER_TRANSPORT_OPTIONS)
