"""The open-data catalogue in a browser: search, dataset pages, previews, downloads, axe."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.e2e.axe import violations as _violations

pytestmark = pytest.mark.browser

LANGUAGES = ["de", "en"]


def path(route: str, language: str = "de", /, **kwargs) -> str:
    with translation.override(language):
        return reverse(route, kwargs=kwargs or None)


def _preview_id(name: str, file_format: str) -> str:
    from opendata.catalogue.models import Distribution

    return str(Distribution.objects.get(dataset__name=name, format=file_format).pk)


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_with_a_facet_then_open_a_dataset(site, page, language):
    page.goto(site.url + path("catalogue-search", language))
    assert page.locator("html").get_attribute("lang") == language
    page.locator('input[name="groups"][value="tran"]').check()
    page.locator(".catalogue-filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"groups=tran"))
    assert page.locator('input[name="groups"][value="tran"]').is_checked()
    assert page.locator(".active-filters li").count() == 1
    heading = page.locator("#results-heading").inner_text()
    results = page.locator(".dataset-result h3 a")
    assert results.count() >= 1
    assert str(results.count()) in heading
    results.first.click()
    assert page.locator("h1").is_visible()
    assert "/data" in page.url or "/daten" in page.url
    assert _violations(page) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_page_has_no_wcag_violations(site, page, language):
    page.goto(site.url + path("catalogue-search", language) + "?q=Parken&groups=tran")
    assert page.locator("#bbox-map.leaflet-container").is_visible()
    assert _violations(page) == []
    page.goto(site.url + path("catalogue-search", language) + "?page=abc&bbox=1,2")
    assert page.locator("#error-summary").is_visible()
    assert _violations(page) == []


def test_facet_form_works_by_keyboard(site, page):
    page.goto(site.url + path("catalogue-search"))
    checkbox = page.locator('input[name="res_format"][value="GEOJSON"]')
    checkbox.focus()
    page.keyboard.press("Space")
    assert checkbox.is_checked()
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate(
            "document.activeElement.closest('.catalogue-filters') !== null"
            " && document.activeElement.type === 'submit'"
        ):
            break
    else:
        pytest.fail("the submit button of the filters cannot be reached by Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"res_format=GEOJSON"))
    formats = page.locator(".dataset-result .badge.format", has_text="GeoJSON")
    assert formats.count() == page.locator(".dataset-result").count() > 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_dataset_page_pages_through_the_csv_preview(site, page, language):
    page.goto(site.url + path("catalogue-dataset", language, name="verkehrszaehlung"))
    caption = page.locator("#preview-caption")
    assert re.search(r"\b1\b.*\b25\b", caption.inner_text())
    assert page.locator("figure.chart svg[role=img]").is_visible()
    assert _violations(page) == []
    page.locator('#preview a[rel="next"]').click()
    page.wait_for_url(re.compile(r"page=2"))
    assert re.search(r"\b26\b.*\b50\b", page.locator("#preview-caption").inner_text())
    page.locator('#preview a[rel="prev"]').click()
    page.wait_for_url(re.compile(r"page=1"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_geojson_preview_shows_markers_on_the_map(site, page, language):
    preview = _preview_id("parkhaeuser", "GEOJSON")
    page.goto(site.url + path("catalogue-dataset", language, name="parkhaeuser"))
    page.locator(f'a[href*="preview={preview}"]').click()
    page.wait_for_url(re.compile(f"preview={preview}"))
    rows = page.locator("#preview tbody tr").count()
    assert rows > 0
    page.wait_for_selector("#preview-map[data-loaded]")
    assert page.locator("#preview-map .leaflet-marker-icon").count() == rows
    assert _violations(page) == []


def test_download_a_file(site, page):
    page.goto(site.url + path("catalogue-dataset", name="parkhaeuser"))
    with page.expect_download() as info:
        page.locator(".distribution a.button").first.click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), "rb") as handle:
        assert handle.readline().startswith(b"id,name")


def test_catalogue_works_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    page = context.new_page()
    page.goto(site.url + path("catalogue-search"))
    assert page.locator("#bbox-map").is_hidden()
    page.locator("#id_district").select_option(index=1)
    page.locator('input[name="res_format"][value="CSV"]').check()
    page.locator(".catalogue-filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"district="))
    assert page.locator(".active-filters li").count() == 2
    page.locator(".dataset-result h3 a").first.click()
    assert page.locator("#preview table").count() >= 1
    context.close()


def test_search_area_can_be_taken_from_the_map(site, page):
    page.goto(site.url + path("catalogue-search", "en"))
    page.wait_for_selector("#bbox-map.leaflet-container")
    page.locator("#bbox-from-map").click()
    value = page.locator("#id_bbox").input_value()
    west, south, east, north = (float(part) for part in value.split(","))
    assert west < east and south < north
    assert page.locator("#bbox-map path.leaflet-interactive").count() == 1
    page.locator(".catalogue-filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"bbox="))
    assert page.locator(".dataset-result").count() > 0
    assert page.locator("#bbox-map path.leaflet-interactive").count() == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_record_history_has_no_wcag_violations(site, page, language):
    page.goto(site.url + path("catalogue-dataset-history", language, name="parkhaeuser"))
    assert page.locator("table.history tbody tr").count() >= 1
    assert _violations(page) == []


def test_chosen_district_is_drawn_on_the_map(site, page):
    page.goto(site.url + path("catalogue-search"))
    page.locator("#id_district").select_option(index=2)
    page.locator(".catalogue-filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"district="))
    page.wait_for_selector("#bbox-map.leaflet-container")
    assert page.locator("#bbox-map path.leaflet-interactive").count() == 1
    assert page.locator("#id_bbox").input_value() == ""
