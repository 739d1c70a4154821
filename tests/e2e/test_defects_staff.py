"""Staff answer and close a report in the admin by keyboard; the reporter's mail arrives, and
its "not fixed" link reopens the report (by keyboard too, axe-clean in German and English)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from tests.e2e.axe import violations as _violations

pytestmark = pytest.mark.browser

HANDLER = "maengelmelder@lindenhafen.example"  # the demo's central team (handles every report)
REPORTER = "e2e-reporter@example.org"
MARK = "E2E-Staff: Laterne flackert"


def _type_into(page, selector: str, text: str) -> None:
    page.locator(selector).focus()
    page.keyboard.type(text)


@pytest.fixture
def reported(site, django_db_blocker):
    """A public report with the reporter's e-mail address, in a demo category (committed)."""
    from django.contrib.gis.geos import Point

    from participation.defects import services
    from participation.defects.models import Category, Report

    with django_db_blocker.unblock():
        category = Category.objects.filter(service_code="strasse.schlagloch").get()
        report = services.report_submit(
            service_code=category.service_code,
            location=Point(8.6150, 50.9550, srid=4326),
            description=MARK,
            contact=services.Contact(email=REPORTER),
            channel=Report.Channel.PHONE,
            recorded_by=None,
            trusted=True,
        )
    mail.outbox.clear()
    try:
        yield report
    finally:
        with django_db_blocker.unblock():
            Report.objects.filter(description=MARK).delete()


@pytest.mark.parametrize("language", ["de", "en"])
def test_staff_close_by_keyboard_and_the_not_fixed_link_reopens(
    site, browser, reported, django_db_blocker, language
):
    from participation.defects.models import Report, Status

    staff = browser.new_context(locale="de-DE")
    page = staff.new_page()
    # Log in through the account login, by keyboard.
    page.goto(site.url + "/accounts/login/")
    from portal.accounts.demo import demo_password

    _type_into(page, "input[name=login]", HANDLER)
    _type_into(page, "input[name=password]", demo_password())
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/accounts/login/" not in page.url
    # The report's handling screen: choose the closed status, write the answer, send.
    with django_db_blocker.unblock():
        fixed = Status.objects.filter(is_closed=True, colour=Status.Colour.GREEN).first()
    page.goto(f"{site.url}/admin/defects/report/edit/{reported.pk}/")
    status_form = page.locator("form:has(input[name=action][value=status])")
    status_form.locator("select[name='status-status']").focus()
    page.keyboard.type(fixed.name)  # a select takes typed letters, as people use it
    assert status_form.locator("select[name='status-status']").input_value() == str(fixed.pk)
    status_form.locator("textarea[name='status-text']").focus()
    page.keyboard.type("Die Laterne ist repariert.")
    status_form.locator("button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    staff.close()
    with django_db_blocker.unblock():
        reported.refresh_from_db()
        assert reported.status_id == fixed.pk and reported.closed_at is not None

    # The reporter's mail, with the "not fixed" link.
    (message,) = [m for m in mail.outbox if m.to == [REPORTER]]
    assert "Die Laterne ist repariert." in message.body
    token = re.search(r"/([^/\s]+)/no/", message.body).group(1)
    with translation.override(language):
        link = site.url + reverse("defects:feedback", kwargs={"token": token, "answer": "no"})
    citizen = browser.new_context(locale="de-DE" if language == "de" else "en-GB")
    page = citizen.new_page()
    page.goto(link)
    assert _violations(page) == []
    page.locator("main form button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    with django_db_blocker.unblock():
        reported.refresh_from_db()
        assert not Report.objects.get(pk=reported.pk).status.is_closed
        assert reported.closed_at is None
    assert f"/{reported.pk}/" in page.url
    assert _violations(page) == []
    citizen.close()
