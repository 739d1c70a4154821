"""Privacy canary: a reporter's e-mail address, name and phone number reach nothing public.

Reports are submitted with canary contact data through the service (web, anonymous and
confirmed by a moderator; phone, recorded by staff), answered and mailed. Then every page of
the ``defects`` namespace (and ``/open311/`` where it exists), the exports and APIs are asked,
and every log record and table is scanned. The canary may live only in the contact table.
A planted canary in a public field proves the scan finds what it looks for.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from django.urls import NoReverseMatch, Resolver404, get_resolver, resolve, reverse
from django.utils import translation

from participation.defects import services
from participation.defects.links import (
    CONFIRM_SALT,
    FEEDBACK_SALT,
    UNSUBSCRIBE_SALT,
    report_link_token,
)
from participation.defects.models import Report
from tests.factories import DistrictFactory, UserFactory
from tests.factories.defects import CategoryFactory, closed_status, initial_status
from tests.privacy import leak_finder, tables_containing

pytestmark = pytest.mark.django_db

CANARY_EMAIL = "kanari.7f3a9@example.org"
CANARY_FIRST = "Zwitscherlinde"
CANARY_LAST = "Kanarienvogelsang"
CANARY_PHONE = "+49 171 9988776"
CANARIES = (CANARY_EMAIL, CANARY_FIRST, CANARY_LAST, CANARY_PHONE, "9988776", "kanari.7f3a9")
leaks = leak_finder(CANARIES)

# Exports and APIs beside the pages: the catalogue's RDF and CKAN, Wagtail's page API.
EXPORTS = ("/catalog.ttl", "/catalog.jsonld", "/api/3/action/package_search", "/api/v2/pages/")
TOKEN_SALTS = {"confirm": CONFIRM_SALT, "feedback": FEEDBACK_SALT, "unsubscribe": UNSUBSCRIBE_SALT}


def contact() -> services.Contact:
    return services.Contact(
        email=CANARY_EMAIL, first_name=CANARY_FIRST, last_name=CANARY_LAST, phone=CANARY_PHONE
    )


@pytest.fixture
def reports() -> list[Report]:
    initial_status()
    district = DistrictFactory()
    category = CategoryFactory(service_code="canary-pothole")
    staff = UserFactory(is_staff=True)
    point = district.area.point_on_surface
    web = services.report_submit(
        service_code=category.service_code,
        location=point,
        description="Schlagloch an der Ecke.",
        contact=contact(),
    )
    services.report_moderate(report=web, approve=True, by=staff)
    phone = services.report_submit(
        service_code=category.service_code,
        location=point,
        description="Laterne dunkel.",
        channel=Report.Channel.PHONE,
        contact=contact(),
        recorded_by=staff,
    )
    services.report_status_change(
        report=phone, status=closed_status(), text="Repariert.", by=staff, public=True
    )
    pending = services.report_submit(
        service_code=category.service_code,
        location=point,
        description="Noch nicht bestätigt.",
        contact=contact(),
    )
    return [web, phone, pending]


def _namespace_urls(namespace: str, reports: list[Report]) -> Iterator[str]:
    """Every URL of the namespace, its parameters filled in for each report."""
    _prefix, resolver = get_resolver().namespace_dict[namespace]
    for pattern in resolver.url_patterns:
        name = getattr(pattern, "name", None)
        if not name:
            continue
        converters = getattr(pattern.pattern, "converters", {})
        if not converters:
            yield reverse(f"{namespace}:{name}")
            continue
        for report in reports:
            kwargs: dict[str, object] = {}
            for key in converters:
                if key in ("pk", "id", "report_id"):
                    kwargs[key] = report.pk
                elif key == "token":
                    kwargs[key] = report_link_token(report, TOKEN_SALTS.get(name, CONFIRM_SALT))
                elif key == "answer":
                    kwargs[key] = "no"
                else:
                    kwargs[key] = report.pk
            try:
                yield reverse(f"{namespace}:{name}", kwargs=kwargs)
            except NoReverseMatch:
                continue


def _open311_urls(reports: list[Report]) -> list[str]:
    """Open311's reads, where this branch has them."""
    urls = []
    candidates = [
        "/open311/discovery.json",
        "/open311/discovery.xml",
        "/open311/v2/services.json",
        "/open311/v2/requests.json",
        "/open311/v2/requests.xml",
        *[f"/open311/v2/requests/{report.pk}.json" for report in reports],
        *[f"/open311/v2/requests/{report.pk}.xml" for report in reports],
    ]
    for url in candidates:
        try:
            resolve(url)
        except Resolver404:
            continue
        urls.append(url)
    return urls


def public_urls(reports: list[Report]) -> list[str]:
    urls = []
    for language in ("de", "en"):
        with translation.override(language):
            urls.extend(_namespace_urls("defects", reports))
    return [*urls, *_open311_urls(reports), *EXPORTS]


def test_the_canary_is_in_no_public_response_no_log_and_only_the_contact_table(
    client, reports, caplog
):
    caplog.set_level(logging.DEBUG)
    urls = public_urls(reports)
    assert any(f"/{reports[0].pk}/" in url for url in urls), urls  # the report pages are walked
    seen = []
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, url
        seen.append(response.status_code)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert not leaks(body.decode("utf-8", "replace")), url
        assert not any(leaks(f"{key}: {value}") for key, value in response.items()), url
    assert 200 in seen
    # A public report page shows the report, and nothing of its reporter.
    page = client.get(reverse("defects:report", kwargs={"pk": reports[0].pk}))
    assert page.status_code == 200
    assert "Schlagloch an der Ecke." in page.content.decode()
    for record in caplog.records:
        assert not leaks(record.getMessage()), record.getMessage()
        assert not leaks(str(record.args))
    assert not leaks(caplog.text)
    assert tables_containing(leaks) == ["defects_reportercontact"]


def test_the_scan_finds_a_canary_planted_in_a_public_field(client, reports):
    report = reports[0]
    Report.objects.filter(pk=report.pk).update(description=f"Bitte rufen Sie {CANARY_PHONE} an")
    page = client.get(reverse("defects:report", kwargs={"pk": report.pk}))
    assert leaks(page.content.decode())
    assert "defects_report" in tables_containing(leaks)


def test_the_scan_finds_a_canary_in_a_log_record(caplog):
    caplog.set_level(logging.DEBUG)
    logging.getLogger("participation.defects").info("Meldung von %s", CANARY_EMAIL)
    assert any(leaks(record.getMessage()) for record in caplog.records)
