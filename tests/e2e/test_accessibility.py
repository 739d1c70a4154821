"""Every page a citizen meets passes axe-core's WCAG 2.1 A/AA rules and works by keyboard."""

from __future__ import annotations

import pytest

from tests.e2e.axe import violations as _violations

pytestmark = pytest.mark.browser


# Each page with the status it must answer: every page exists in the demo city, and the
# unknown address shows the 404 page, which must be accessible too.
PAGES = [
    ("/", 200),
    ("/en/", 200),
    ("/impressum/", 200),
    ("/en/imprint/", 200),
    ("/datenschutz/", 200),
    ("/en/privacy/", 200),
    ("/barrierefreiheit/", 200),
    ("/en/accessibility/", 200),
    ("/leichte-sprache/", 200),
    ("/kontakt/", 200),
    ("/en/contact/", 200),
    ("/accounts/login/", 200),
    ("/en/accounts/signup/", 200),
    ("/gibt-es-nicht/", 404),
]


@pytest.mark.parametrize(("path", "status"), PAGES, ids=[path for path, _status in PAGES])
def test_page_has_no_wcag_violations(site, page, path, status):
    response = page.goto(site.url + path)
    assert response.status == status
    assert _violations(page) == []


def test_contact_form_errors_have_no_wcag_violations(site, page):
    page.goto(site.url + "/kontakt/")
    page.get_by_role("button", name="Nachricht senden").click()
    assert page.locator("#error-summary").is_visible()
    assert _violations(page) == []


def test_skip_link_is_first_and_moves_focus_to_main(site, page):
    page.goto(site.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    assert page.locator(".skip-link").bounding_box()["y"] >= 0  # visible when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_language_switcher_keeps_the_page(site, page):
    page.goto(site.url + "/datenschutz/")
    page.get_by_role("navigation", name="Sprache").get_by_role("link", name="English").click()
    assert page.url == site.url + "/en/privacy/"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Privacy notice"


def test_contact_form_works_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    page = context.new_page()
    page.goto(site.url + "/kontakt/")
    page.get_by_label("Thema").select_option("general")
    page.get_by_label("Name").fill("Erika Mustermann")
    page.get_by_label("E-Mail-Adresse").fill("erika@example.org")
    page.get_by_role("textbox", name="Nachricht").fill("Wann kommt das WLAN in den Stadtpark?")
    page.get_by_label("Ich bin damit einverstanden", exact=False).check()
    page.get_by_role("button", name="Nachricht senden").click()
    assert "Vielen Dank" in page.locator(".messages").inner_text()
    from portal.core.models import ContactMessage

    assert ContactMessage.objects.filter(email="erika@example.org").exists()
    context.close()
