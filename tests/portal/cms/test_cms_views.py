"""CMS pages as citizens and developers see them."""

from __future__ import annotations

import icalendar
import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Locale, Site

from portal.cms.models import (
    ActionFieldPage,
    AlertBanner,
    EventIndexPage,
    EventPage,
    ProjectPage,
)


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def _url(page) -> str:
    return page.get_url()


@pytest.fixture
def de(demo_city):
    return Locale.objects.get(language_code="de")


@pytest.fixture
def en(demo_city):
    return Locale.objects.get(language_code="en")


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_page_renders(client, demo_city, language):
    from wagtail.models import Page

    for page in Page.objects.live().filter(locale__language_code=language, depth__gte=2):
        response = client.get(page.get_url())
        assert response.status_code == 200, page.url_path
        assert _soup(response).html["lang"] == language


def test_home_page_shows_highlights(client, demo_city):
    soup = _soup(client.get("/"))
    headings = [h.get_text(strip=True) for h in soup.find_all("h2")]
    assert "Handlungsfelder" in headings
    assert "Ausgewählte Projekte" in headings
    assert "Aktuelles" in headings
    assert "Nächste Termine" in headings
    nav = soup.find("nav", class_="main-nav")
    assert {"Projekte", "Aktuelles", "Termine"} <= {
        a.get_text(strip=True) for a in nav.find_all("a")
    }


def test_project_map_lists_and_filters_without_javascript(client, de):
    response = client.get("/projekte/")
    soup = _soup(response)
    all_cards = soup.select("ul.cards > li")
    assert len(all_cards) == ProjectPage.objects.live().filter(locale=de).count()
    field = ActionFieldPage.objects.filter(locale=de, numchild__gt=0).first()
    filtered = _soup(client.get(f"/projekte/?handlungsfeld={field.slug}")).select("ul.cards > li")
    assert len(filtered) == ProjectPage.objects.child_of(field).live().count()
    done = _soup(client.get("/projekte/?status=done")).select("ul.cards > li")
    assert len(done) == ProjectPage.objects.live().filter(locale=de, status="done").count()
    # A bad filter value is ignored, not an error.
    assert client.get("/projekte/?status=<script>").status_code == 200


def test_project_geojson_api(client, en):
    response = client.get("/api/v1/projects/?lang=en")
    assert response.status_code == 200
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    expected = ProjectPage.objects.live().filter(locale=en, location__isnull=False).count()
    assert len(collection["features"]) == expected
    feature = collection["features"][0]
    assert feature["geometry"]["type"] in {"Point", "Polygon", "MultiPolygon"}
    assert feature["properties"]["url"].startswith("/en/")
    assert feature["properties"]["language"] == "en"
    english = {"idea", "planned", "in progress", "done", "stopped"}
    assert {f["properties"]["status_label"] for f in collection["features"]} <= english
    german = client.get("/api/v1/projects/?lang=de").json()["features"]
    assert {f["properties"]["status_label"] for f in german} <= {
        "Idee",
        "geplant",
        "in Umsetzung",
        "abgeschlossen",
        "gestoppt",
    }


@pytest.mark.parametrize(
    ("query", "field"),
    [("lang=fr", "lang"), ("status=unknown", "status"), ("action_field=nope", "action_field")],
)
def test_project_geojson_api_bad_input_names_the_parameter(client, demo_city, query, field):
    response = client.get(f"/api/v1/projects/?{query}")
    assert response.status_code == 400
    assert field in response.json()


def test_project_api_is_in_openapi_schema(client, demo_city):
    schema = client.get("/api/schema/?format=json").json()
    assert "/api/v1/projects/" in schema["paths"]
    assert not any(path.startswith("/api/v2/") for path in schema["paths"])


def test_project_page_shows_facts_map_fallback_kpis_and_data_use(client, de):
    project = (
        ProjectPage.objects.filter(locale=de, location__isnull=False)
        .exclude(data_collected="")
        .first()
    )
    soup = _soup(client.get(project.get_url()))
    text = soup.get_text(" ", strip=True)
    assert project.get_status_display() in text
    assert "Datennutzung" in text
    assert soup.find(id="project-location") is not None
    assert "Koordinaten" in text  # the text alternative of the map


def test_search_returns_only_the_current_language(client, demo_city):
    de_results = _soup(client.get("/suche/?q=Parken")).select("ol.search-results a")
    assert de_results
    assert all(not a["href"].startswith("/en/") for a in de_results)
    en_results = _soup(client.get("/en/search/?q=parking")).select("ol.search-results a")
    assert en_results
    assert all(a["href"].startswith("/en/") for a in en_results)


def test_search_facets_by_type_and_action_field(client, demo_city):
    soup = _soup(client.get("/suche/?q=Stadt"))
    facets = soup.find("nav", class_="facets")
    assert facets is not None
    links = [a["href"] for a in facets.find_all("a")]
    assert any("typ=projectpage" in link for link in links)
    narrowed = _soup(client.get("/suche/?q=Stadt&typ=projectpage")).select("ol.search-results a")
    assert narrowed
    projects = {p.get_url() for p in ProjectPage.objects.live()}
    assert all(a["href"] in projects for a in narrowed)


def test_search_without_query_and_with_nonsense(client, demo_city):
    assert client.get("/suche/").status_code == 200
    soup = _soup(client.get("/suche/?q=xqzzyv"))
    assert "0 Ergebnisse" in soup.get_text()


def test_event_calendar_feed(client, demo_city):
    index = EventIndexPage.objects.get(locale__language_code="de")
    response = client.get(index.get_url() + "ical/")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == EventPage.objects.child_of(index).live().count()
    assert all(event.get("dtstart") and event.get("uid") for event in events)


def test_untranslated_page_falls_back_to_german_with_a_note(client, de, en):
    field = ActionFieldPage.objects.filter(locale=de).first()
    only_german = field.add_child(
        instance=ProjectPage(
            title="Nur auf Deutsch", slug="nur-deutsch", locale=de, intro="Noch nicht übersetzt."
        )
    )
    english_list = _soup(client.get("/en/projects/"))
    link = english_list.find("a", string="Nur auf Deutsch")
    assert link is not None and link["lang"] == "de"
    assert "Only available in German" in link.find_parent("li").get_text()
    german_page = _soup(client.get(only_german.get_url()))
    switch = german_page.find("nav", class_="language-switcher").find("a", hreflang="en")
    assert switch["href"] == only_german.get_url() + "?fallback=en"
    note = _soup(client.get(switch["href"])).find(class_="fallback-note")
    assert note is not None and "not yet available in English" in note.get_text()


def test_alert_banner(client, demo_city):
    banner = AlertBanner.for_site(Site.objects.get(is_default_site=True))
    banner.active, banner.level = True, "danger"
    banner.message, banner.message_en = "Hochwasserwarnung: Pegel steigt", "Flood warning"
    banner.save()
    de_banner = _soup(client.get("/")).find(class_="alert-banner")
    assert de_banner["role"] == "alert" and "Hochwasserwarnung" in de_banner.get_text()
    assert "Flood warning" in _soup(client.get("/en/")).find(class_="alert-banner").get_text()
    banner.active = False
    banner.save()
    assert _soup(client.get("/")).find(class_="alert-banner") is None


def test_open_graph_and_description(client, demo_city):
    soup = _soup(client.get("/en/"))
    og = {m["property"]: m["content"] for m in soup.find_all("meta", property=True)}
    assert og["og:title"].startswith("Smart City Lindenhafen")
    assert og["og:locale"] == "en_GB"
    assert og["og:url"] == "http://testserver/en/"
    assert soup.find("meta", attrs={"name": "description"})["content"]


def test_page_api_serves_projects_with_geojson(client, demo_city):
    listing = client.get("/api/v2/pages/?type=cms.ProjectPage&locale=en&fields=location,status")
    assert listing.status_code == 200
    items = listing.json()["items"]
    assert items and all(item["meta"]["locale"] == "en" for item in items)
    located = [item for item in items if item["location"]]
    assert located[0]["location"]["type"] in {"Point", "Polygon"}


def test_the_project_list_is_paginated_and_the_map_keeps_every_project(
    client, de, django_assert_max_num_queries
):
    from portal.cms.demo import projects_bulk_add
    from portal.cms.page_contexts import PROJECTS_PER_PAGE

    projects_bulk_add(3 * PROJECTS_PER_PAGE + 5)
    total = ProjectPage.objects.live().filter(locale=de).count()
    pages = -(-total // PROJECTS_PER_PAGE)
    assert pages == 4
    with django_assert_max_num_queries(30):
        soup = _soup(client.get("/projekte/?page=2"))
    assert len(soup.select("ul.cards > li")) == PROJECTS_PER_PAGE
    assert str(total) in soup.find("h2", id="project-list").get_text()
    assert "(Seite 2 von 4)" in soup.title.get_text()
    nav = soup.find("nav", attrs={"aria-label": "Seiten der Projektliste"})
    links = {a.get_text(" ", strip=True): a["href"] for a in nav.find_all("a")}
    assert links["Seite 2"] == "?page=2#project-list"
    assert nav.find("a", attrs={"aria-current": "page"})["href"] == "?page=2#project-list"
    assert links["Zurück"] == "?page=1#project-list"
    assert links["Weiter"] == "?page=3#project-list"
    last = _soup(client.get("/projekte/?page=4")).select("ul.cards > li")
    assert len(last) == total - 3 * PROJECTS_PER_PAGE
    # Not a page number, or past the end: the nearest page, never an error.
    assert len(_soup(client.get("/projekte/?page=abc")).select("ul.cards > li")) == (
        PROJECTS_PER_PAGE
    )
    assert len(_soup(client.get("/projekte/?page=99")).select("ul.cards > li")) == len(last)
    # The filters stay in the page links.
    planned = _soup(client.get("/projekte/?status=planned&page=1&utm=x"))
    hrefs = [a["href"] for a in planned.select("nav .pagination a")]
    assert hrefs and all(h.startswith("?status=planned&page=") for h in hrefs)
    # The map shows every project, whatever the page.
    features = client.get("/api/v1/projects/?lang=de").json()["features"]
    assert (
        len(features)
        == ProjectPage.objects.live().filter(locale=de, location__isnull=False).count()
        > 3 * PROJECTS_PER_PAGE
    )


def test_the_project_list_reads_one_page_in_as_many_queries_for_any_page(
    client, de, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from portal.cms.demo import projects_bulk_add
    from portal.cms.page_contexts import PROJECTS_PER_PAGE

    projects_bulk_add(3 * PROJECTS_PER_PAGE)
    counts = []
    # One frozen instant: under load a short-lived cache (the flood banner's 30 s) could
    # expire between the warming call and the counted one and add a query.
    with time_machine.travel(timezone.now(), tick=False):
        for number in (1, 2, 4):
            client.get(f"/projekte/?page={number}")  # warm per-process caches
            with CaptureQueriesContext(connection) as queries:
                response = client.get(f"/projekte/?page={number}")
            assert response.status_code == 200
            counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2] <= 25
