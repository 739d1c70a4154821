"""Personal API tokens expire by default; their owners are mailed before, once, in their
language; an expired token is refused in each API's own error format."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from wagtail.users.models import UserProfile

from portal.accounts import services
from portal.accounts.models import AccountMail, ApiToken
from portal.accounts.tokens import api_token_create, api_token_revoke

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def owner(make_persona):
    return make_persona("admin")


def _expiring_in(owner, days: float, name: str = "harvest script") -> ApiToken:
    return api_token_create(
        user=owner,
        name=name,
        scopes=["catalogue:write"],
        expires_at=timezone.now() + timedelta(days=days),
    ).token


def test_a_token_made_without_an_end_expires_after_the_default_term(owner, settings):
    settings.API_TOKEN_DEFAULT_EXPIRY_DAYS = 365
    token = api_token_create(user=owner, name="x", scopes=["catalogue:write"]).token
    remaining = token.expires_at - timezone.now()
    assert timedelta(days=364) < remaining <= timedelta(days=365)


def test_a_token_past_its_default_term_is_refused_in_each_apis_format(client, owner, time_machine):
    secret = api_token_create(user=owner, name="x", scopes=["catalogue:write"]).secret
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert client.get("/api/v1/themes/", **bearer).status_code == 200
    time_machine.move_to(timezone.now() + timedelta(days=366))
    rest = client.get("/api/v1/themes/", **bearer)
    assert rest.status_code == 401 and "detail" in rest.json()
    ckan = client.post(
        "/api/3/action/package_create",
        json.dumps({"name": "abgelaufen"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=secret,
    )
    assert ckan.status_code == 401
    assert ckan.json()["success"] is False
    assert ckan.json()["error"]["__type"] == "Authorization Error"


def test_owners_are_warned_once_before_the_end_in_german_by_default(owner, settings):
    settings.API_TOKEN_EXPIRY_WARNING_DAYS = 14
    soon = _expiring_in(owner, 10)
    _expiring_in(owner, 20, name="later")
    assert services.api_tokens_warn_expiring() == 1
    mail = AccountMail.objects.get(recipients=[owner.email])
    assert "harvest script" in mail.subject and "läuft am" in mail.subject
    assert f"sct_{soon.prefix}" in mail.body and "/admin/api-tokens/" in mail.body
    assert "Sie" in mail.body
    assert services.api_tokens_warn_expiring() == 0  # once
    soon.refresh_from_db()
    assert soon.expiry_warned_at is not None


def test_the_warning_is_in_the_owners_language(owner):
    profile = UserProfile.get_for_user(owner)
    profile.preferred_language = "en"
    profile.save()
    _expiring_in(owner, 3)
    assert services.api_tokens_warn_expiring() == 1
    mail = AccountMail.objects.get(recipients=[owner.email])
    assert "expires on" in mail.subject
    assert "create a new token" in mail.body


def test_revoked_expired_and_inactive_owners_tokens_get_no_warning(owner, make_persona):
    api_token_revoke(token=_expiring_in(owner, 5, name="revoked"))
    _expiring_in(owner, -1, name="expired")
    gone = make_persona("admin")
    _expiring_in(gone, 5, name="gone")
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    assert services.api_tokens_warn_expiring() == 0
    assert not AccountMail.objects.exists()


def test_the_warning_goes_through_the_job_queue_and_arrives(
    owner, django_capture_on_commit_callbacks, mailoutbox
):
    _expiring_in(owner, 2)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.api_tokens_warn_expiring() == 1
    [sent] = mailoutbox
    assert sent.to == [owner.email]
    assert not AccountMail.objects.exists()
