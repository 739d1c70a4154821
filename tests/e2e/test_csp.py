"""The Content-Security-Policy in a real browser: no page the public sees reports a violation,
maps and previews included; an editor's userbar and the admin work under theirs."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.test_editorial_workflow import _log_in

pytestmark = pytest.mark.browser

# Registered before any page script runs (not subject to the page's policy).
COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${where}`);
});
"""


@pytest.fixture
def watched(page):
    page.add_init_script(COLLECT_VIOLATIONS)
    return page


def _violations_after(page, url: str, ready: str = "") -> list[str]:
    response = page.goto(url)
    assert response is not None and response.headers.get("content-security-policy"), url
    if ready:
        page.wait_for_selector(ready, state="attached")
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.__cspViolations")


def _public_pages() -> list[tuple[str, str]]:
    from opendata.catalogue.models import Dataset
    from portal.cms.models import ProjectPage

    dataset = Dataset.objects.get(name="verkehrszaehlung")
    project = ProjectPage.objects.live().filter(locale__language_code="de").first()
    return [
        ("/", ""),
        ("/en/", ""),
        (project.url, ""),
        (reverse("catalogue-search"), ""),
        (reverse("catalogue-dataset", args=[dataset.name]), ""),
        (reverse("sensors-map"), "#sensor-map[data-loaded]"),
        (reverse("defects:list"), ""),
        (reverse("defects:report_new"), ""),
        (reverse("contact"), ""),
        ("/api/docs/", "#swagger-ui .information-container"),
    ]


def test_public_pages_report_no_policy_violation(site, watched):
    problems = {}
    for path, ready in _public_pages():
        found = _violations_after(watched, site.url + path, ready)
        if found:
            problems[path] = found
    assert problems == {}


def test_an_editors_userbar_and_the_admin_work_under_their_policies(site, watched):
    _log_in(watched, site, "redaktion@lindenhafen.example")
    assert _violations_after(watched, site.url + "/", "wagtail-userbar") == []
    # The userbar's content checker runs axe-core (with Wagtail's own rules) on the page.
    watched.locator("#wagtail-userbar-trigger").click()
    watched.locator("#checker-trigger").click()
    expect(watched.locator(".w-content-checker__count").first).to_have_text(re.compile(r"\d"))
    assert watched.evaluate("window.__cspViolations") == []
    assert _violations_after(watched, site.url + "/admin/", "#wagtail") == []
