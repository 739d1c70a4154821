"""Every login entrance leads to the account login (allauth), where MFA and the failed-login
limit apply; staff without a second factor are sent to enrolment before any page."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core.cache import cache
from django.urls import reverse

from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db

# The login pages a browser can reach, with the page each leads to after logging in.
ENTRANCES = [
    ("/django-admin/login/?next=/django-admin/", "/django-admin/"),
    ("/admin/login/?next=/admin/", "/admin/"),
    ("/_util/login/?next=/admin/pages/", "/admin/pages/"),
    ("/en/_util/login/?next=/admin/", "/admin/"),
    ("/accounts/login/?next=/admin/", "/admin/"),
    ("/en/accounts/login/?next=/django-admin/", "/django-admin/"),
]
# The entrances other than allauth's, which must not even look at a password.
OTHER_LOGIN_PATHS = ["/django-admin/login/", "/admin/login/", "/_util/login/", "/en/_util/login/"]


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def mfa_required(settings):
    settings.PORTAL_STAFF_MFA_REQUIRED = True


def _login_form_path(client, entrance: str) -> str:
    """Where the entrance leads a browser: the path of the login form it ends up on."""
    response = client.get(entrance, follow=True)
    assert response.status_code == 200
    form_path = response.wsgi_request.path
    assert form_path in (reverse("account_login"), "/en/accounts/login/"), form_path
    return response.wsgi_request.get_full_path()


def _session_user_id(client):
    return client.session.get("_auth_user_id")


def _totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(iter(yield_hotp_counters_from_time()))))


@pytest.mark.parametrize("path", OTHER_LOGIN_PATHS)
def test_other_login_pages_take_no_password(client, make_persona, path):
    admin = make_persona("admin")
    response = client.post(path, {"username": admin.username, "password": PASSWORD})
    assert _session_user_id(client) is None
    assert response.status_code == 303
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("path", OTHER_LOGIN_PATHS)
def test_other_login_pages_refuse_a_post_without_csrf_token(make_persona, path):
    from django.test import Client

    admin = make_persona("admin")
    client = Client(enforce_csrf_checks=True)
    response = client.post(path, {"username": admin.username, "password": PASSWORD})
    assert response.status_code == 403
    assert _session_user_id(client) is None


def test_logged_in_users_without_access_get_403_not_a_redirect_loop(client, make_persona):
    client.force_login(make_persona("citizen"))
    assert client.get("/django-admin/login/?next=/django-admin/").status_code == 403
    assert client.get("/admin/login/?next=/admin/").status_code == 403
    staff = make_persona("admin")
    client.force_login(staff)
    response = client.get("/django-admin/login/?next=/django-admin/")
    assert response.status_code == 302 and response["Location"] == "/django-admin/"
    response = client.get("/admin/login/?next=https://elsewhere.example/")
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_wagtails_password_reset_is_off(client):
    # allauth's rate-limited reset is the only one.
    assert client.get("/admin/password_reset/").status_code == 404


@pytest.mark.usefixtures("mfa_required")
@pytest.mark.parametrize(("entrance", "target"), ENTRANCES)
def test_every_entrance_sends_staff_without_mfa_to_enrolment(
    client, make_persona, entrance, target
):
    staff = make_persona("staff", permissions=["wagtailadmin.access_admin"])
    form = _login_form_path(client, entrance)
    response = client.post(form, {"login": staff.email, "password": PASSWORD})
    assert _session_user_id(client) == str(staff.pk)
    assert response.status_code == 302 and response["Location"] == target
    response = client.get(target, follow=True)
    assert response.wsgi_request.path == reverse("mfa_index")
    assert response.status_code == 200
    assert b"two-factor" in response.content or b"Zwei-Faktor" in response.content


@pytest.mark.usefixtures("mfa_required")
@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/api-tokens/", "/django-admin/", "/", "/en/", "/api/v1/themes/"]
)
def test_a_staff_session_without_mfa_opens_no_page(client, make_persona, path):
    client.force_login(make_persona("admin"))
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_index")
    # Enrolment itself, and logging out, stay open.
    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.get(reverse("mfa_activate_totp")).status_code in (200, 302)


@pytest.mark.usefixtures("mfa_required")
def test_wagtail_admin_access_without_is_staff_counts_as_staff(client, make_persona):
    editor = make_persona("citizen", groups=["Editors"])
    assert editor.has_perm("wagtailadmin.access_admin")
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == reverse("mfa_index")


@pytest.mark.usefixtures("mfa_required")
def test_citizens_are_not_asked_for_mfa(client, make_persona):
    client.force_login(make_persona("citizen"))
    assert client.get("/").status_code == 200


@pytest.mark.usefixtures("mfa_required")
def test_staff_with_totp_log_in_with_the_code_and_open_the_admin(client, make_persona):
    staff = make_persona("admin")
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)
    form = _login_form_path(client, "/admin/login/?next=/admin/")
    response = client.post(form, {"login": staff.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_authenticate"))
    assert _session_user_id(client) is None  # the password alone gives no session
    response = client.post(reverse("mfa_authenticate"), {"code": _totp_code(secret)})
    assert _session_user_id(client) == str(staff.pk)
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_without_the_requirement_staff_enter_and_the_login_page_says_so(client, make_persona):
    staff = make_persona("admin")
    german = client.get(reverse("account_login"))
    assert "ohne Zwei-Faktor-Authentifizierung" in german.content.decode()
    english = client.get("/en/accounts/login/")
    assert "without two-factor authentication" in english.content.decode()
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    assert client.get("/admin/").status_code == 200


@pytest.mark.usefixtures("mfa_required")
def test_with_the_requirement_the_login_page_has_no_demo_notice(client):
    assert b"staff-mfa-relaxed" not in client.get(reverse("account_login")).content


# --- Failed logins ----------------------------------------------------------------------------


@pytest.mark.parametrize(("entrance", "target"), ENTRANCES)
def test_the_11th_failed_login_in_a_minute_gets_429_at_every_entrance(
    client, make_persona, entrance, target
):
    staff = make_persona("admin")
    form = _login_form_path(client, entrance)
    for attempt in range(10):
        # Other accounts each time: the per-address limit, not the per-account one.
        response = client.post(form, {"login": f"nobody{attempt}@example.org", "password": "x"})
        assert response.status_code == 200, attempt
    # The other entrances count nothing and let nothing through on the way.
    for path in OTHER_LOGIN_PATHS:
        client.post(path, {"username": staff.username, "password": PASSWORD})
    response = client.post(form, {"login": staff.email, "password": "wrong"})
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert b'name="password"' in response.content  # still the form, with allauth's message
    # Even the right password waits now.
    response = client.post(form, {"login": staff.email, "password": PASSWORD})
    assert response.status_code == 429
    assert _session_user_id(client) is None


def test_the_6th_failed_login_of_one_account_gets_429(client, make_persona):
    staff = make_persona("admin")
    for _attempt in range(5):
        response = client.post(reverse("account_login"), {"login": staff.email, "password": "x"})
        assert response.status_code == 200
    response = client.post(reverse("account_login"), {"login": staff.email, "password": "x"})
    assert response.status_code == 429


@pytest.mark.usefixtures("mfa_required")
def test_wrong_mfa_codes_are_limited_like_passwords(client, make_persona):
    staff = make_persona("admin")
    TOTP.activate(staff, generate_totp_secret())
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    statuses = [
        client.post(reverse("mfa_authenticate"), {"code": "000000"}).status_code
        for _attempt in range(6)
    ]
    assert statuses == [200] * 5 + [429]
    assert _session_user_id(client) is None


@pytest.mark.parametrize(
    "path", ["/api/v1/datasets/", "/api/3/action/package_create", "/api/action/package_create"]
)
def test_the_apis_take_no_password(client, make_persona, path):
    """The APIs know tokens only: HTTP Basic with an administrator's password writes nothing
    and opens no session (nor is there a browsable-API login)."""
    import base64

    admin = make_persona("admin")
    credentials = base64.b64encode(f"{admin.email}:{PASSWORD}".encode()).decode()
    response = client.post(
        path,
        {"name": "basic-auth-test", "title": "Basic"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Basic {credentials}",
    )
    assert response.status_code in (401, 403)
    assert _session_user_id(client) is None
    assert client.get("/api-auth/login/").status_code == 404
