"""allauth's mails go through the job queue: with the mail server down or silent, sign-up and
password reset answer at once, and the mail is sent once the server is back."""

from __future__ import annotations

import socket
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from portal.accounts import services
from portal.accounts.models import AccountMail
from tests.factories.accounts import AccountMailFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-long-new-password-42"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def _smtp(settings, port: int) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""


@pytest.fixture
def silent_mail_server(settings):
    """A mail server that takes the connection and never says a word (the request would
    wait EMAIL_TIMEOUT for it)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    _smtp(settings, listener.getsockname()[1])
    settings.EMAIL_TIMEOUT = 3
    yield
    listener.close()


@pytest.fixture
def mail_server_down(settings):
    """Nobody listens: the connection is refused at once."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    _smtp(settings, port)


@pytest.fixture
def mail_server_up(settings):
    def switch() -> None:
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    return switch


@pytest.fixture
def broker(celery_broker):
    """A broker that takes jobs (and keeps them: no worker runs in the test)."""
    celery_broker("memory://")


def _signup(client, email: str, prefix: str = ""):
    return client.post(
        f"{prefix}/accounts/signup/",
        {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )


@pytest.mark.usefixtures("broker", "silent_mail_server")
def test_signup_answers_at_once_with_a_silent_mail_server(
    client, django_capture_on_commit_callbacks, mail_server_up
):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = _signup(client, "neu@example.org")
    assert time.monotonic() - started < 2
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    queued = AccountMail.objects.get(recipients=["neu@example.org"])
    assert "E-Mail-Adresse" in queued.subject  # rendered in the visitor's language
    mail_server_up()
    assert services.account_mail_send(mail_id=queued.pk) is True
    [sent] = mail.outbox
    assert sent.to == ["neu@example.org"] and sent.subject == queued.subject
    assert "/accounts/confirm-email/" in sent.body
    assert not AccountMail.objects.filter(pk=queued.pk).exists()  # its link is not kept


@pytest.mark.usefixtures("broker", "silent_mail_server")
def test_password_reset_answers_at_once_and_the_mail_is_retried(
    client, make_persona, settings, django_capture_on_commit_callbacks, mail_server_up
):
    citizen = make_persona("citizen")
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/accounts/password/reset/", {"email": citizen.email})
    assert time.monotonic() - started < 2
    assert response.status_code == 302
    queued = AccountMail.objects.get(recipients=[citizen.email])
    assert "Password Reset" in queued.subject  # English, as the visitor asked
    # The worker's first try meets the server down: it raises for Celery's retry and keeps
    # the mail.
    settings.EMAIL_PORT = 1
    with pytest.raises(OSError):
        services.account_mail_send(mail_id=queued.pk)
    queued.refresh_from_db()
    assert queued.claimed_at is None and queued.attempted_at is not None
    mail_server_up()
    assert services.account_mail_send(mail_id=queued.pk) is True
    assert services.account_mail_send(mail_id=queued.pk) is False  # nothing twice
    [sent] = mail.outbox
    assert sent.to == [citizen.email] and "/accounts/password/reset/key/" in sent.body


@pytest.mark.usefixtures("mail_server_down")
def test_the_mail_task_retries_on_smtp_errors(client, django_capture_on_commit_callbacks):
    from portal.accounts.tasks import account_mail_send_task

    assert OSError in account_mail_send_task.autoretry_for
    # Eager, as in the tests: the job runs on commit, fails, and the request still succeeds.
    with django_capture_on_commit_callbacks(execute=True):
        response = _signup(client, "retry@example.org")
    assert response.status_code == 302
    assert AccountMail.objects.filter(recipients=["retry@example.org"]).exists()


def test_with_the_broker_down_the_sweep_sends_later(
    client, celery_broker, django_capture_on_commit_callbacks
):
    celery_broker("redis://127.0.0.1:9/0")  # nobody listens there
    with django_capture_on_commit_callbacks(execute=True):
        response = _signup(client, "spaeter@example.org")
    assert response.status_code == 302
    queued = AccountMail.objects.get(recipients=["spaeter@example.org"])
    assert not mail.outbox
    from portal.celery import app

    app.conf.task_always_eager = True  # the broker is back
    assert services.account_mails_send_pending() == 0  # too young: its job may still come
    later = timezone.now() + timedelta(minutes=6)
    assert services.account_mails_send_pending(now=later) == 1
    assert [m.to for m in mail.outbox] == [["spaeter@example.org"]]
    assert not AccountMail.objects.filter(pk=queued.pk).exists()


def test_the_sweep_leaves_mails_in_retry_alone_and_frees_a_dead_workers_claim(
    celery_broker,
):
    celery_broker("memory://")
    now = timezone.now()
    old = now - timedelta(minutes=30)
    retrying = AccountMailFactory(attempted_at=now - timedelta(minutes=20))
    stuck = AccountMailFactory(claimed_at=old, attempted_at=old)
    given_up = AccountMailFactory(attempted_at=now - timedelta(hours=2))
    for queued in (retrying, stuck, given_up):
        AccountMail.objects.filter(pk=queued.pk).update(created_at=now - timedelta(hours=3))
    assert services.account_mails_send_pending(now=now) == 1  # given_up
    stuck.refresh_from_db()
    assert stuck.claimed_at is None  # sent by the sweep once its retry time is over too


def test_mails_whose_links_expired_are_deleted_unsent(settings):
    settings.ACCOUNT_MAIL_MAX_AGE_HOURS = 72
    expired = AccountMailFactory()
    fresh = AccountMailFactory()
    AccountMail.objects.filter(pk=expired.pk).update(
        created_at=timezone.now() - timedelta(hours=73)
    )
    services.account_mails_send_pending()
    assert list(AccountMail.objects.filter(pk__in=[expired.pk, fresh.pk])) == [fresh]
