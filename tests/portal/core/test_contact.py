"""The contact form: stored first, forwarded on commit, never lost, never public."""

from __future__ import annotations

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from portal.core import services
from portal.core.models import ContactMessage

CANARY = "CANARY-7f3a91 Erika Mustermann"


def _post(client, path="/kontakt/", **overrides):
    data = {
        "topic": "accessibility",
        "name": CANARY,
        "email": "erika@example.org",
        "message": "The map cannot be used with the keyboard.",
        "page_url": "/projekte/",
        "consent": "on",
    }
    data.update(overrides)
    return client.post(path, data)


def test_message_is_stored_and_forwarded_to_staff(
    client, demo_city, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client)
    assert response.status_code == 302
    contact = ContactMessage.objects.get()
    assert contact.topic == "accessibility"
    assert contact.language == "de"
    assert contact.forwarded_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [settings.PORTAL_STAFF_EMAIL]
    assert "erika@example.org" in mail.outbox[0].body
    assert "Barriere" in mail.outbox[0].subject


def test_english_form_is_at_english_url(client, demo_city, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, path="/en/contact/")
    assert response.status_code == 302
    assert ContactMessage.objects.get().language == "en"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "not-an-address"),
        ("name", ""),
        ("message", ""),
        ("topic", "spam"),
        ("consent", ""),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(client, demo_city, field, value):
    response = _post(client, **{field: value})
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors
    assert f'href="#id_{field}"' in response.content.decode()
    assert not ContactMessage.objects.exists()


def test_mail_failure_keeps_the_message_for_retry(
    client, demo_city, django_capture_on_commit_callbacks
):
    with (
        mock.patch("portal.core.services.send_mail", side_effect=OSError("SMTP down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = _post(client)
    assert response.status_code == 302  # the citizen sees success: the message is stored
    contact = ContactMessage.objects.get()
    assert contact.forwarded_at is None  # released for the retry
    assert services.contact_message_forward(contact_id=contact.pk) is True
    assert len(mail.outbox) == 1


def test_broker_down_keeps_the_message_and_the_sweep_sends_it_later(
    client, demo_city, celery_broker, settings, django_capture_on_commit_callbacks
):
    celery_broker("redis://127.0.0.1:9/0")  # nobody listens there
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client)
    assert response.status_code == 302
    contact = ContactMessage.objects.get()
    assert contact.forwarded_at is None
    assert not mail.outbox
    # The broker is back (eager again); the periodic sweep picks up what was left.
    from portal.celery import app

    app.conf.task_always_eager = True
    ContactMessage.objects.filter(pk=contact.pk).update(
        created_at=timezone.now() - timedelta(minutes=10)
    )
    assert services.contact_messages_forward_pending() == 1
    contact.refresh_from_db()
    assert contact.forwarded_at is not None
    assert len(mail.outbox) == 1


def test_forwarding_twice_sends_one_mail(db):
    contact = ContactMessage.objects.create(
        topic="general", name="A", email="a@example.org", message="Hi"
    )
    assert services.contact_message_forward(contact_id=contact.pk) is True
    assert services.contact_message_forward(contact_id=contact.pk) is False
    assert len(mail.outbox) == 1


def test_messages_are_deleted_after_retention(db):
    old = ContactMessage.objects.create(topic="general", name="A", email="a@x.org", message="x")
    new = ContactMessage.objects.create(topic="general", name="B", email="b@x.org", message="y")
    ContactMessage.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - services.CONTACT_MESSAGE_RETENTION - timedelta(days=1)
    )
    assert services.contact_messages_delete_expired() == 1
    assert list(ContactMessage.objects.values_list("pk", flat=True)) == [new.pk]


def test_personal_data_never_reaches_public_pages_or_apis(
    client, demo_city, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _post(client)
    for path in [
        "/",
        "/en/",
        "/kontakt/",
        "/api/v2/pages/?fields=*",
        "/sitemap.xml",
        "/api/schema/",
    ]:
        body = client.get(path).content.decode()
        assert "CANARY-7f3a91" not in body, path
        assert "erika@example.org" not in body, path


def test_contact_messages_are_rate_limited_per_address_keeping_the_entries(
    client, demo_city, settings
):
    from django.core.cache import cache

    from portal.core.ratelimit import Rate

    cache.clear()
    settings.CONTACT_SUBMIT_RATE = Rate(2, 600)
    assert _post(client, email="").status_code == 400  # a form with errors does not count
    for _ in range(2):
        assert _post(client).status_code == 302
    over = _post(client, message="A third message.")
    assert over.status_code == 429
    assert 0 < int(over["Retry-After"]) <= 600
    body = over.content.decode()
    assert re.search(r"Bitte versuchen Sie es in \d+ Minuten? erneut", body)
    assert "A third message." in body  # the entries are kept
    assert ContactMessage.objects.count() == 2
    cache.clear()
