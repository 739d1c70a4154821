"""An editor drafts and submits a page in the Wagtail admin; a reviewer approves it; it is live."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _log_in(page, site, email: str) -> None:
    from portal.accounts.demo import demo_password

    page.goto(site.url + "/accounts/login/")
    page.get_by_label("E-Mail").fill(email)
    page.get_by_label("Passwort").fill(demo_password())
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()


def _log_out(page, site) -> None:
    page.context.clear_cookies()


def test_editor_creates_submits_reviewer_approves_and_page_is_live(site, page):
    from portal.cms.models import NewsIndexPage, NewsPage

    index = NewsIndexPage.objects.get(locale__language_code="de")
    _log_in(page, site, "redaktion@lindenhafen.example")
    page.goto(f"{site.url}/admin/pages/add/cms/newspage/{index.pk}/")
    page.locator("#id_title").fill("Neue Ladesäulen am Bahnhof")
    page.locator("#id_intro").fill("Sechs neue Ladepunkte gehen in Betrieb.")
    # The admin's script fills the slug from the title; submitting before it has would
    # fail validation (this raced on a busy machine).
    expect(page.locator("#id_slug")).not_to_have_value("", timeout=10_000)
    # The publish button is not offered to editors; they submit to the workflow.
    assert page.locator("button[name=action-publish]").count() == 0
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target=toggle]").last.click()
    with page.expect_navigation():  # the admin answers with a redirect to the listing
        page.locator("button[name=action-submit]").click()
    assert "/add/" not in page.url, page.locator(".messages, .error-message").all_inner_texts()
    news = NewsPage.objects.get(title="Neue Ladesäulen am Bahnhof")
    assert not news.live
    assert news.workflow_in_progress

    _log_out(page, site)
    _log_in(page, site, "redaktionsleitung@lindenhafen.example")
    page.goto(f"{site.url}/admin/pages/{news.pk}/edit/")
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target=toggle]").last.click()
    with page.expect_navigation():
        page.locator(
            "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
        ).click()
    news.refresh_from_db()
    assert news.live

    public = page.goto(site.url + news.get_url())
    assert public.status == 200
    assert page.get_by_role("heading", level=1).inner_text() == "Neue Ladesäulen am Bahnhof"
