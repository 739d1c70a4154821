"""StreamField blocks render accessibly; staff edit projects (with the map) in the admin."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from wagtail.rich_text import RichText

from portal.cms.models import HomePage, ProjectPage, StandardPage


@pytest.fixture
def block_page(demo_city):
    home = HomePage.objects.get(locale__language_code="de")
    project = ProjectPage.objects.filter(locale__language_code="de").first()
    page = StandardPage(
        title="Bausteine",
        slug="bausteine",
        body=[
            ("paragraph", RichText("<p>Ein <b>Absatz</b>.</p>")),
            ("quote", {"text": "Daten für alle.", "attribution": "Oberbürgermeisterin"}),
            (
                "key_figures",
                {
                    "heading": "Zahlen",
                    "figures": [
                        {"value": "89", "label": "Parksensoren"},
                        {"value": "800", "label": "Plätze"},
                    ],
                },
            ),
            (
                "table",
                {
                    "data": [["Jahr", "Sensoren"], ["2024", "89"]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "Sensoren je Jahr",
                },
            ),
            (
                "call_to_action",
                {
                    "title": "Mitmachen",
                    "text": "",
                    "page": None,
                    "url": "https://beteiligung.example",
                    "link_text": "Jetzt",
                },
            ),
            (
                "map",
                {
                    "latitude": 50.955,
                    "longitude": 8.615,
                    "zoom": 15,
                    "caption": "Rathaus",
                    "text_alternative": "Das Rathaus am Rathausplatz 1.",
                },
            ),
            ("project_teaser", {"project": project}),
            (
                "external_embed",
                {
                    "title": "Erklärvideo",
                    "provider": "PeerTube",
                    "embed_url": "https://video.example/embed/1",
                    "link_url": "https://video.example/w/1",
                    "transcript": "Wir erklären das Parkleitsystem.",
                },
            ),
        ],
    )
    home.add_child(instance=page)
    return page, project


def test_every_block_renders(client, block_page):
    page, project = block_page
    soup = BeautifulSoup(client.get(page.get_url()).content, "html.parser")
    main = soup.find("main")
    assert main.find("blockquote").get_text(strip=True) == "Daten für alle."
    assert [li.find(class_="value").get_text() for li in main.select(".key-figures li")] == [
        "89",
        "800",
    ]
    table = main.find("table")
    assert table.find("caption").get_text(strip=True) == "Sensoren je Jahr"
    assert [th.get_text(strip=True) for th in table.find_all("th")] == ["Jahr", "Sensoren"]
    assert main.find("a", string="Jetzt")["href"] == "https://beteiligung.example"
    assert "Das Rathaus am Rathausplatz 1." in main.get_text()  # map's text alternative
    assert main.find("a", string=project.title) is not None


def test_external_embed_loads_nothing_before_consent(client, block_page):
    page, _ = block_page
    html = client.get(page.get_url()).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("iframe") is None
    box = soup.find(attrs={"data-embed-url": True})
    assert box["data-embed-url"] == "https://video.example/embed/1"
    assert soup.find("a", href="https://video.example/w/1") is not None  # works without JS
    assert "Wir erklären das Parkleitsystem." in soup.get_text()


def test_accessibility_statement_links_to_the_feedback_form(client, demo_city):
    soup = BeautifulSoup(client.get("/barrierefreiheit/").content, "html.parser")
    link = soup.find("main").find("a", href="/kontakt/?topic=accessibility")
    assert link is not None
    form = BeautifulSoup(client.get(link["href"]).content, "html.parser")
    assert form.find("option", value="accessibility").has_attr("selected")


def test_editor_edits_a_project_with_the_map_widget(client, editor):
    project = ProjectPage.objects.filter(locale__language_code="de").first()
    client.force_login(editor)
    response = client.get(f"/admin/pages/{project.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="location"' in html
    assert "leaflet" in html.lower()


def test_citizens_cannot_open_the_admin(client, citizen):
    client.force_login(citizen)
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
