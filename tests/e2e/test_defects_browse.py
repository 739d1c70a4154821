"""The defect reports' overview in a browser: the map with JavaScript, the list without,
axe-clean in German and English, reflow at 320 px; the report page's map."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from tests.e2e.axe import violations as _violations

pytestmark = pytest.mark.browser

LANGUAGES = ["de", "en"]


def path(route: str, language: str = "de", *args) -> str:
    with translation.override(language):
        return reverse(route, args=args or None)


@pytest.fixture
def reports(site, django_db_blocker):
    """Three public reports and a pending one of their own (committed, then deleted)."""
    from participation.defects.models import Category, Report, Status
    from portal.core.models import District
    from tests.factories.defects import CategoryFactory, ReportFactory

    with django_db_blocker.unblock():
        created_status = not Status.objects.filter(is_initial=True).exists()
        status = Status.objects.filter(is_initial=True).first() or Status.objects.create(
            slug="e2e-received",
            name="Eingegangen",
            name_en="Received",
            colour="red",
            is_initial=True,
        )
        district = District.objects.order_by("number").first()
        category = CategoryFactory(service_code="e2e-lamp", name="E2E-Laterne", name_en="E2E lamp")
        centre = district.area.point_on_surface
        made = [
            ReportFactory(category=category, district=district, status=status, location=centre)
            for _index in range(3)
        ]
        hidden = ReportFactory(
            category=category,
            district=district,
            status=status,
            location=centre,
            moderation=Report.Moderation.PENDING,
        )
    try:
        yield made, hidden
    finally:
        with django_db_blocker.unblock():
            Report.objects.filter(category=category).delete()
            Category.objects.filter(pk=category.pk).delete()
            if created_status:
                Status.objects.filter(pk=status.pk).delete()


@pytest.mark.parametrize("language", LANGUAGES)
def test_overview_shows_map_and_list_with_javascript(site, page, reports, language):
    _made, hidden = reports
    page.goto(site.url + path("defects:list", language) + "?category=e2e-lamp")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("#report-table tbody tr").count() == 3
    assert f"#{hidden.pk}" not in page.locator("#report-table").inner_text()
    page.wait_for_selector("#defect-overview-map[data-loaded]")
    assert page.locator("#defect-overview-map").is_visible()
    assert page.locator("#defect-overview-map").get_attribute("data-total") == "3"
    assert page.locator("#defect-overview-map .leaflet-marker-icon").count() >= 1
    assert _violations(page) == []


def test_overview_without_javascript_is_the_list(site, browser, reports):
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    page = context.new_page()
    page.goto(site.url + path("defects:list"))
    assert not page.locator("#defect-overview-map").is_visible()
    page.get_by_label("Kategorie").select_option("e2e-lamp")
    page.get_by_role("button", name="Anzeigen").click()
    assert page.locator("#report-table tbody tr").count() == 3
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_overview_reflows_at_320_pixels(site, browser, reports, language):
    context = browser.new_context(locale="de-DE", viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(site.url + path("defects:list", language) + "?category=e2e-lamp")
    # No horizontal scrolling of the page; the table scrolls in its own region if needed.
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.locator("#report-table").is_visible()
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_bad_filter_is_announced_and_axe_clean(site, page, reports, language):
    page.goto(site.url + path("defects:list", language) + "?date_from=gestern")
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert summary.evaluate("element => element === document.activeElement")
    assert _violations(page) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_report_page_and_statistics_are_axe_clean(site, page, reports, language):
    made, _hidden = reports
    page.goto(site.url + path("defects:report", language, made[0].pk))
    page.wait_for_selector("#report-map[data-loaded]")
    assert page.locator("#report-map").is_visible()
    assert _violations(page) == []
    page.goto(site.url + path("defects:statistics", language))
    assert page.locator("#by-month tbody tr").count() == 12
    assert _violations(page) == []
