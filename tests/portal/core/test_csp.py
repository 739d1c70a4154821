"""Content-Security-Policy: every public page kind carries the strict policy and renders
nothing it would block; the admins and the API docs have their own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.models import Page

from opendata.catalogue.models import Dataset
from portal.core import csp

PUBLIC = csp.policy_for("/")

# What the public policy blocks: inline scripts (JSON data blocks are not run), inline
# styles, handlers in attributes and javascript: links.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")[^>]*>")
BLOCKED_MARKUP = [
    INLINE_SCRIPT,
    re.compile(r"<style[\s>]"),
    re.compile(r"\sstyle=[\"']"),
    re.compile(r"\son[a-z]+=[\"']"),
    re.compile(r"javascript:", re.IGNORECASE),
]


def _page_kinds() -> list[str]:
    """One live page of every Wagtail page type, in German and (where it exists) English."""
    urls: dict[type, str] = {}
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        urls.setdefault(type(page), page.url)
    return sorted(urls.values())


def _app_pages() -> list[str]:
    dataset = Dataset.objects.published().order_by("name").first()
    return [
        reverse("search") + "?q=Daten",
        reverse("contact"),
        reverse("catalogue-search"),
        reverse("catalogue-dataset", args=[dataset.name]),
        reverse("sensors-map"),
        reverse("defects:list"),
        reverse("account_login"),
        "/gibt-es-nicht/",  # the 404 page
    ]


def test_every_public_page_kind_has_the_strict_policy_and_needs_nothing_else(client, demo_city):
    pages = _page_kinds() + _app_pages()
    assert len(pages) > 15
    for url in pages:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert response["Content-Security-Policy"] == PUBLIC, url
        body = response.content.decode()
        for pattern in BLOCKED_MARKUP:
            assert not pattern.search(body), f"{url}: {pattern.pattern} would be blocked"


def test_the_public_policy_allows_only_own_scripts_and_styles():
    directives = dict(part.split(" ", 1) for part in PUBLIC.split("; "))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'self'"
    assert "unsafe" not in PUBLIC


@pytest.mark.parametrize("path", ["/api/v1/themes/", "/api/3/action/status_show", "/healthz"])
def test_api_answers_carry_the_public_policy_too(client, db, path):
    assert client.get(path)["Content-Security-Policy"] == PUBLIC


def test_the_admins_have_their_own_policy(client, city_admin):
    client.force_login(city_admin)
    for path in ("/admin/", "/django-admin/"):
        response = client.get(path)
        assert response.status_code == 200, path
        policy = response["Content-Security-Policy"]
        assert policy == csp.policy_for("/admin/")
        assert "script-src 'self' 'unsafe-inline'" in policy


def test_the_api_docs_have_their_own_policy(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert "script-src 'self' 'unsafe-inline'" in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("tile_url", "source"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tile.example.de/{z}/{x}/{y}.png", "https://*.tile.example.de"),
        ("https://tiles.example.de:8443/{z}/{x}/{y}.png", "https://tiles.example.de:8443"),
        ("/tiles/{z}/{x}/{y}.png", ""),
    ],
)
def test_tile_server_origin(tile_url, source):
    assert csp.tile_source(tile_url) == source


def test_maps_may_load_tiles_from_the_configured_server(client, db, settings):
    settings.MAP_TILE_URL = "https://karten.lindenhafen.example/{z}/{x}/{y}.png"
    policy = client.get("/healthz")["Content-Security-Policy"]
    assert "img-src 'self' data: https://karten.lindenhafen.example;" in policy


def _public_templates() -> list[Path]:
    roots = [Path(settings.BASE_DIR) / "templates"] + [
        path
        for app in ("portal", "opendata", "participation")
        for path in (Path(settings.BASE_DIR) / app).glob("**/templates")
    ]
    return [
        template
        for root in roots
        for template in root.glob("**/*.html")
        # Staff pages live under /admin/ (their own policy); mails are not pages.
        if not {"admin", "email", "wagtailadmin"} & set(template.relative_to(root).parts)
    ]


def test_no_public_template_has_markup_the_policy_blocks():
    templates = _public_templates()
    assert len(templates) > 50
    offenders = [
        f"{template}: {pattern.pattern}"
        for template in templates
        for pattern in BLOCKED_MARKUP
        if pattern.search(template.read_text())
    ]
    assert offenders == []
