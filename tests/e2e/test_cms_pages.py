"""CMS pages in a real browser: axe (WCAG 2.1 A/AA), keyboard use, the map with and without JS."""

from __future__ import annotations

import pytest

from tests.e2e.test_accessibility import _violations

pytestmark = pytest.mark.browser

PAGE_TYPES = [
    "cms.StrategyPage",
    "cms.ActionFieldPage",
    "cms.ProjectPage",
    "cms.ProjectIndexPage",
    "cms.NewsIndexPage",
    "cms.NewsPage",
    "cms.EventIndexPage",
    "cms.EventPage",
    "cms.CaseStudyPage",
    "cms.GlossaryPage",
    "cms.FundingOverviewPage",
]


def _first_url(model_label: str, language: str) -> str:
    from django.apps import apps

    model = apps.get_model(model_label)
    page = model.objects.live().filter(locale__language_code=language).order_by("path").first()
    assert page is not None, model_label
    return page.get_url()


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("model_label", PAGE_TYPES)
def test_cms_page_has_no_wcag_violations(site, page, model_label, language):
    response = page.goto(site.url + _first_url(model_label, language))
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert _violations(page) == []


@pytest.mark.parametrize("path", ["/suche/?q=Parken", "/en/search/?q=parking"])
def test_search_results_have_no_wcag_violations(site, page, path):
    page.goto(site.url + path)
    assert page.locator("ol.search-results li").count() > 0
    assert _violations(page) == []


def test_project_map_loads_geojson_with_javascript(site, page):
    from portal.cms.models import ProjectPage

    page.goto(site.url + "/projekte/")
    page.wait_for_selector("#project-map[data-loaded]")
    located = (
        ProjectPage.objects.live()
        .filter(locale__language_code="de", location__isnull=False)
        .count()
    )
    assert page.locator("#project-map").get_attribute("data-loaded") == str(located)
    assert page.locator(".leaflet-marker-icon, path.leaflet-interactive").count() == located
    assert _violations(page) == []


def test_project_map_without_javascript_is_a_filterable_list(site, browser):
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    page = context.new_page()
    page.goto(site.url + "/projekte/")
    assert page.locator("#project-map").is_hidden()
    total = page.locator("ul.cards > li").count()
    page.get_by_label("Status").select_option("done")
    page.get_by_role("button", name="Anzeigen").click()
    assert "status=done" in page.url
    assert 0 < page.locator("ul.cards > li").count() < total
    context.close()  # axe itself needs JavaScript: the page with JS is checked above


@pytest.mark.parametrize("path", ["/", "/en/", "/projekte/"])
def test_keyboard_alone_reaches_every_link(site, page, path):
    page.goto(site.url + path)
    if path == "/projekte/":
        page.wait_for_selector("#project-map[data-loaded]")
    hrefs = set(
        page.eval_on_selector_all(
            "a[href]:not([tabindex='-1'])",
            "els => els.filter(e => e.offsetParent !== null).map(e => e.href)",
        )
    )
    reached = set()
    for _ in range(len(hrefs) * 2 + 40):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement && document.activeElement.href")
        if href:
            reached.add(href)
        if reached >= hrefs:
            break
    assert hrefs - reached == set()
