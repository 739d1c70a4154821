"""The citizen's report form in a browser: map pin with a photo, keyboard alone, JavaScript
off (street and house number), "me too", axe in both languages, reflow at 320 px."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from PIL import Image

from tests.e2e.axe import violations as _violations

pytestmark = pytest.mark.browser

LANGUAGES = ["de", "en"]
PREFIX = "e2e-defects"


def path(route: str, language: str = "de", *args) -> str:
    with translation.override(language):
        return reverse(route, args=args or None)


def _photo() -> dict:
    out = io.BytesIO()
    Image.new("RGB", (80, 60), (30, 120, 200)).save(out, format="PNG")
    return {"name": "schlagloch.png", "mimeType": "image/png", "buffer": out.getvalue()}


@pytest.fixture
def defects(site, django_db_blocker, monkeypatch):
    """A category in a group, a street in the district at the map's centre (committed, then
    deleted with every report made in the category). Forms may be sent at once here: the
    time token is tested with the test client."""
    from django.conf import settings
    from django.contrib.gis.geos import Point
    from django.core.cache import cache

    from participation.defects.models import Category, Report, Status
    from portal.core.models import District
    from tests.factories import CategoryFactory, StreetFactory
    from tests.factories.defects import initial_status

    monkeypatch.setattr("participation.core.spam.MIN_SECONDS", 0)
    with django_db_blocker.unblock():
        cache.clear()
        had_initial = Status.objects.filter(is_initial=True).exists()
        status = initial_status() if not had_initial else None
        centre = Point(*reversed(settings.LEAFLET_CONFIG["DEFAULT_CENTER"]), srid=4326)
        district = District.objects.filter(area__contains=centre).first()
        assert district is not None, "the map's centre must lie in a district of the demo city"
        group = CategoryFactory(
            service_code=f"{PREFIX}-roads", name="E2E-Straßen", name_en="E2E roads"
        )
        category = CategoryFactory(
            service_code=f"{PREFIX}-pothole",
            name="E2E-Schlagloch",
            name_en="E2E pothole",
            parent=group,
        )
        street = StreetFactory(name="E2E-Lindenallee", district=district)
    try:
        yield {"category": category, "street": street, "district": district}
    finally:
        with django_db_blocker.unblock():
            for report in Report.objects.filter(category__service_code__startswith=PREFIX):
                for photo in report.photos.all():
                    photo.image.storage.delete(photo.image.name)
                report.delete()
            departments = [c.department for c in (category, group)]
            Category.objects.filter(pk=category.pk).delete()
            Category.objects.filter(pk=group.pk).delete()
            for department in departments:
                department.delete()
            street.delete()
            if status is not None:
                status.delete()
            cache.clear()


def _continue_past_duplicates(page, language="de") -> None:
    different = page.get_by_role(
        "button",
        name="Mein Problem ist ein anderes: weiter mit meiner Meldung"
        if language == "de"
        else "My problem is a different one: continue with my report",
    )
    if different.count():
        different.click()


def _context(browser, **options):
    """A context of its own (JavaScript off, a small screen) that also stays on this machine."""
    context = browser.new_context(locale="de-DE", **options)
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("http://localhost", "http://127.0.0.1"))
            else route.abort()
        ),
    )
    return context


def _new_reports(**filters):
    from participation.defects.models import Report

    return list(Report.objects.filter(category__service_code__startswith=PREFIX, **filters))


def test_a_report_with_a_photo_by_map_pin(site, page, defects, django_db_blocker):
    page.goto(site.url + path("defects:report_new"))
    page.locator("#id_category").select_option(label="E2E-Schlagloch")
    page.locator("#defect-map").click()  # the map's centre
    status = page.locator("#defect-map-status")
    assert "Stecknadel ist gesetzt" in status.inner_text()
    assert page.locator("#defect-map .leaflet-marker-icon").count() == 1
    assert page.locator("#id_latitude").input_value().startswith("50.9")
    page.get_by_role("button", name="Weiter").click()
    _continue_past_duplicates(page)
    page.locator("#id_description").fill("E2E: tiefes Schlagloch mitten auf der Fahrbahn.")
    page.locator("#id_photos").set_input_files([_photo()])
    page.locator("#id_email").fill("e2e-map@example.org")
    page.get_by_role("button", name="Meldung senden").click()
    page.wait_for_url(re.compile(r"/maengelmelder/melden/danke/$"))
    assert "Vielen Dank für Ihre Meldung" in page.locator("h1").inner_text()
    with django_db_blocker.unblock():
        (report,) = _new_reports(description__startswith="E2E: tiefes")
        assert report.photos.count() == 1
        assert report.district == defects["district"]
    assert f"#{report.pk}" in page.locator("main").inner_text()


def _tab_to(page, predicate: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const e = document.activeElement; return {predicate}; }})()"):
            return
    raise AssertionError(f"keyboard focus never reached {predicate}")


def test_a_report_by_keyboard_alone(site, page, defects, django_db_blocker):
    page.goto(site.url + path("defects:report_new"))
    _tab_to(page, "e.id === 'id_category'")
    page.keyboard.type("E2E-Schl")
    assert page.locator("#id_category").input_value() == defects["category"].service_code
    _tab_to(page, "e.id === 'defect-map'")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowDown")
    _tab_to(page, "e.id === 'defect-pin-centre'")
    page.keyboard.press("Enter")
    assert "Stecknadel ist gesetzt" in page.locator("#defect-map-status").inner_text()
    _tab_to(page, "e.type === 'submit' && e.textContent.trim() === 'Weiter'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    if page.locator(".different button").count():
        _tab_to(page, "e.closest('.different') !== null && e.type === 'submit'")
        with page.expect_navigation():
            page.keyboard.press("Enter")
    _tab_to(page, "e.id === 'id_description'")
    page.keyboard.type("E2E: Laterne per Tastatur gemeldet.")
    _tab_to(page, "e.id === 'id_photos'")
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files([_photo()])
    _tab_to(page, "e.type === 'submit' && e.textContent.trim() === 'Meldung senden'")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/melden/danke/$"))
    with django_db_blocker.unblock():
        (report,) = _new_reports(description__startswith="E2E: Laterne")
        assert report.photos.count() == 1


def test_a_report_without_javascript_by_street_and_house_number(
    site, browser, defects, django_db_blocker
):
    context = _context(browser, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site.url + path("defects:report_new"))
        assert not page.locator("#defect-map-tools").is_visible()  # no map without JavaScript
        page.locator("#id_category").select_option(label="E2E-Schlagloch")
        page.locator("#id_street").select_option(label="E2E-Lindenallee")
        page.locator("#id_house_number").fill("7")
        page.get_by_role("button", name="Weiter").click()
        _continue_past_duplicates(page)
        assert "E2E-Lindenallee 7" in page.locator(".place-summary").inner_text()
        page.locator("#id_description").fill("E2E: ohne JavaScript gemeldet.")
        page.locator("#id_photos").set_input_files([_photo()])
        page.get_by_role("button", name="Meldung senden").click()
        page.wait_for_url(re.compile(r"/melden/danke/$"))
        assert "Unser Team prüft Ihre Meldung" in page.locator("main").inner_text()
    finally:
        context.close()
    with django_db_blocker.unblock():
        (report,) = _new_reports(description__startswith="E2E: ohne JavaScript")
        assert report.address == "E2E-Lindenallee 7"
        assert report.photos.count() == 1


@pytest.fixture
def open_report(defects, django_db_blocker):
    from participation.core.selectors import street_lookup
    from tests.factories import ReportFactory

    with django_db_blocker.unblock():
        return ReportFactory(
            category=defects["category"],
            district=defects["district"],
            location=street_lookup(street_id=defects["street"].pk, house_number="7"),
            description="E2E: offene Meldung zum Unterstützen.",
        )


def test_me_too_instead_of_a_second_report(site, page, defects, open_report, django_db_blocker):
    page.goto(site.url + path("defects:report_new"))
    page.locator("#id_category").select_option(label="E2E-Schlagloch")
    page.locator("#id_street").select_option(label="E2E-Lindenallee")
    page.locator("#id_house_number").fill("7")
    page.get_by_role("button", name="Weiter").click()
    assert page.get_by_role("heading", name="In der Nähe bereits gemeldet").is_visible()
    item = page.locator(".duplicate", has_text=f"#{open_report.pk}")
    assert "0 m entfernt" in item.inner_text()
    assert _violations(page) == []
    item.get_by_role("button", name="Ich auch").click()
    page.wait_for_url(re.compile(rf"/maengelmelder/{open_report.pk}/$"))
    assert "Ihre Unterstützung ist gezählt" in page.locator(".messages").inner_text()
    page.get_by_role("button", name="Ich auch").click()
    assert "bereits" in page.locator(".messages").inner_text()
    with django_db_blocker.unblock():
        open_report.refresh_from_db()
        assert open_report.supporter_count == 1
        assert len(_new_reports()) == 1  # no second report


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_form_and_the_report_page_have_no_wcag_violations(
    site, page, defects, open_report, language
):
    page.goto(site.url + path("defects:report_new", language))
    assert page.locator("html").get_attribute("lang") == language
    page.wait_for_selector("#defect-map-tools:not([hidden])")
    assert _violations(page) == []
    page.locator("form.defect-form button[type=submit]").click()  # nothing chosen: errors
    assert page.locator("#error-summary").is_visible()
    # The page's script moves the focus once it has run (after the reload): wait for it.
    page.wait_for_function("document.activeElement?.id === 'error-summary'")
    assert _violations(page) == []
    page.locator("#id_category").select_option(defects["category"].service_code)
    page.locator("#id_street").select_option(str(defects["street"].pk))
    page.locator("form.defect-form button[type=submit]").click()
    _continue_past_duplicates(page, language)
    assert page.locator("#id_description").is_visible()
    assert _violations(page) == []
    page.goto(site.url + path("defects:report", language, open_report.pk))
    assert _violations(page) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_form_reflows_at_320_px(site, browser, defects, language):
    context = _context(browser, viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        page.goto(site.url + path("defects:report_new", language))
        page.wait_for_selector("#defect-map-tools:not([hidden])")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        page.locator("#id_category").select_option(defects["category"].service_code)
        page.locator("#id_street").select_option(str(defects["street"].pk))
        page.locator("form.defect-form button[type=submit]").click()
        _continue_past_duplicates(page, language)
        assert page.locator("#id_description").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        context.close()
