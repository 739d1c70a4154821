"""The accessible base layout, both languages, error pages."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(("path", "lang"), [("/", "de"), ("/en/", "en")])
def test_home_page_in_both_languages(client, demo_city, path, lang):
    response = client.get(path)
    assert response.status_code == 200
    soup = _soup(response)
    assert soup.html["lang"] == lang
    assert soup.find("h1").get_text(strip=True) == "Smart City Lindenhafen"
    skip = soup.find("a", class_="skip-link")
    assert skip["href"] == "#main" and soup.find("main", id="main")
    for landmark in ("header", "main", "footer"):
        assert len(soup.find_all(landmark)) == 1
    assert {link["hreflang"] for link in soup.find_all("link", rel="alternate")} == {"de", "en"}


def test_footer_links_to_legal_pages_in_current_language(client, demo_city):
    german = {
        a.get_text(strip=True): a["href"] for a in _soup(client.get("/")).footer.find_all("a")
    }
    assert german["Impressum"] == "/impressum/"
    assert german["Datenschutz"] == "/datenschutz/"
    assert german["Barrierefreiheit"] == "/barrierefreiheit/"
    assert german["Kontakt"] == "/kontakt/"
    english = {
        a.get_text(strip=True): a["href"] for a in _soup(client.get("/en/")).footer.find_all("a")
    }
    assert english["Imprint"] == "/en/imprint/"
    assert english["Privacy"] == "/en/privacy/"
    assert english["Accessibility"] == "/en/accessibility/"
    assert english["Contact"] == "/en/contact/"
    for href in [*german.values(), *english.values()]:
        assert client.get(href).status_code == 200, href


def test_language_switcher_keeps_the_page(client, demo_city):
    soup = _soup(client.get("/impressum/"))
    switcher = soup.find("nav", class_="language-switcher")
    links = {a["hreflang"]: a for a in switcher.find_all("a")}
    assert links["en"]["href"] == "/en/imprint/"
    assert links["de"].get("aria-current") == "true"
    soup = _soup(client.get("/en/contact/"))
    links = {
        a["hreflang"]: a["href"] for a in soup.find("nav", class_="language-switcher").find_all("a")
    }
    assert links["de"] == "/kontakt/"


@pytest.mark.parametrize(
    ("path", "lang", "heading"),
    [("/gibt-es-nicht/", "de", "Seite nicht gefunden"), ("/en/missing/", "en", "Page not found")],
)
def test_404_page_in_visitors_language(client, demo_city, path, lang, heading):
    response = client.get(path)
    assert response.status_code == 404
    soup = _soup(response)
    assert soup.html["lang"] == lang
    assert soup.find("h1").get_text(strip=True) == heading


@pytest.mark.parametrize(("path", "heading"), [("/x/", "Serverfehler"), ("/en/x/", "Server error")])
def test_500_page_renders_without_database(rf, path, heading):
    from portal.core.errors import server_error

    response = server_error(rf.get(path))
    assert response.status_code == 500
    assert heading in response.content.decode()


def test_403_and_400_pages(rf, demo_city):
    from django.core.exceptions import PermissionDenied, SuspiciousOperation
    from django.utils import translation

    from portal.core.errors import bad_request, permission_denied

    with translation.override("de"):
        request = rf.get("/")
        from django.contrib.auth.models import AnonymousUser

        request.user = AnonymousUser()
        assert (
            "Zugriff verweigert" in permission_denied(request, PermissionDenied()).content.decode()
        )
        assert "Ungültige Anfrage" in bad_request(request, SuspiciousOperation()).content.decode()


def test_robots_and_sitemap(client, demo_city):
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/impressum/" in sitemap and "/en/imprint/" in sitemap


def test_api_schema_and_page_api(client, demo_city):
    assert client.get("/api/schema/").status_code == 200
    pages = client.get("/api/v2/pages/?locale=en").json()
    assert "Imprint" in {item["title"] for item in pages["items"]}


@pytest.mark.parametrize("path", ["/", "/en/", "/impressum/", "/en/contact/"])
def test_page_query_count_is_bounded(client, demo_city, django_assert_max_num_queries, path):
    client.get(path)  # warm Wagtail's per-process caches (site root paths)
    with django_assert_max_num_queries(25):
        assert client.get(path).status_code == 200


def test_menu_and_search_work_for_a_language_without_content(rf, demo_city):
    """A language with no Locale yet (a fresh site) yields an empty menu, not an error."""
    from django.contrib.auth.models import AnonymousUser
    from django.utils import translation

    from portal.cms.templatetags.portal_tags import main_menu
    from portal.cms.views import search

    request = rf.get("/suche/?q=Parken")
    request.user = AnonymousUser()
    with translation.override("fr"):
        assert main_menu({"request": request}) == []
        assert search(request).status_code == 200
