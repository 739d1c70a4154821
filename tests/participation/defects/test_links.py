"""Citizens find the defect reporter: from both home pages, the navigation of every page and
the Easy Read page, and every link leads to a page that answers."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

PAGES = {
    "de": ["/", "/leichte-sprache/", "/daten/"],
    "en": ["/en/", "/en/easy-read/", "/en/data/"],
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_home_easy_read_and_navigation_link_to_the_defect_reporter(client, demo_city, language):
    with translation.override(language):
        overview = reverse("defects:list")
    assert overview == {"de": "/maengelmelder/", "en": "/en/defects/"}[language]
    for path in PAGES[language]:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        navigation = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
        assert f'href="{overview}"' in navigation, path
        if path != PAGES[language][2]:  # home and Easy Read link from their text as well
            main = re.search(r"<main.*?</main>", html, re.S).group(0)
            assert f'href="{overview}"' in main, path
    assert client.get(overview).status_code == 200
