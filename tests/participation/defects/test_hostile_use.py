"""What a review found when it used the defect reporter as an attacker would: each a test.

Locating sensitive reports through the map or the nearby list, mail-bombing through the follow
form, inflating "me too", replaying a "not fixed" link, merging twice, Unicode digits.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import time_machine
from django.contrib.gis.geos import Point
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from participation.core.spam import FOLLOW_RATE, SUPPORT_RATE, form_token_issue
from participation.defects import selectors, services
from participation.defects.links import FEEDBACK_SALT, report_link_token
from participation.defects.models import Report, ReportUpdate
from tests.factories import (
    CategoryFactory,
    DistrictFactory,
    ReporterContactFactory,
    ReportFactory,
    UserFactory,
)
from tests.factories.defects import closed_status, initial_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    initial_status()
    return DistrictFactory()


def test_the_map_cannot_home_in_on_a_sensitive_report(client, district):
    shelter = CategoryFactory(service_code="hilfe", sensitive=True)
    exact = district.area.point_on_surface
    ReportFactory(category=shelter, district=district, location=exact)
    # A box of a few metres around the exact point, not around its published cell's centre.
    box = f"{exact.x - 0.00002},{exact.y - 0.00002},{exact.x + 0.00002},{exact.y + 0.00002}"
    with translation.override("de"):
        address = reverse("defects:geojson")
    answer = json.loads(client.get(address, {"bbox": box, "zoom": 19}).content)
    assert answer["total"] == 0


def test_the_nearby_list_gives_no_distance_to_a_sensitive_report(district):
    shelter = CategoryFactory(service_code="hilfe", sensitive=True)
    exact = district.area.point_on_surface
    ReportFactory(category=shelter, district=district, location=exact)
    draft = selectors.report_draft_check(service_code="hilfe", location=exact)
    assert [near.distance for near in draft.duplicates] == [None]


def _post(client, name, data):
    with time_machine.travel(timezone.now() - timedelta(seconds=10)):
        token = form_token_issue()
    return client.post(reverse(name), {"form_token": token, "website": ""} | data)


def test_the_follow_form_mails_an_unconfirmed_address_at_most_once_a_day(client, district):
    for _ in range(5):
        response = _post(
            client,
            "participation:subscribe",
            {"email": "opfer@example.org", "district": district.pk},
        )
        assert response.status_code == 302
    assert len(mail.outbox) == 1


def test_the_follow_form_is_rate_limited_per_address(client, district):
    for n in range(FOLLOW_RATE.requests):
        _post(
            client,
            "participation:subscribe",
            {"email": f"a{n}@example.org", "district": district.pk},
        )
    response = _post(
        client, "participation:subscribe", {"email": "late@example.org", "district": district.pk}
    )
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def test_me_too_from_ever_new_sessions_is_rate_limited_per_address(client, district):
    report = ReportFactory(district=district)
    with translation.override("de"):
        address = reverse("defects:support", args=[report.pk])
    for _ in range(SUPPORT_RATE.requests):
        client.cookies.clear()  # a new browser session every time
        assert client.post(address).status_code == 302
    client.cookies.clear()
    assert client.post(address).status_code == 429
    report.refresh_from_db()
    assert report.supporter_count == SUPPORT_RATE.requests


def test_one_click_unsubscribe_of_a_reporter_works_without_a_csrf_token(client, district):
    from participation.defects.links import UNSUBSCRIBE_SALT

    contact = ReporterContactFactory(report=ReportFactory(district=district))
    client.handler.enforce_csrf_checks = True
    with translation.override("de"):
        address = reverse(
            "defects:unsubscribe", args=[report_link_token(contact.report, UNSUBSCRIBE_SALT)]
        )
    assert client.post(address).status_code == 302
    contact.refresh_from_db()
    assert contact.wants_updates is False


def test_not_fixed_tells_the_unit_not_the_reporter_and_an_old_link_cannot_reopen_again(district):
    category = CategoryFactory()
    report = services.report_submit(
        service_code=category.service_code,
        location=district.area.point_on_surface,
        description="Ampel defekt.",
        reporter=UserFactory(email="rita@example.org"),
    )
    fixed = closed_status()
    services.report_status_change(report=report, status=fixed, by=UserFactory())
    report.refresh_from_db()
    first_link = report_link_token(report, FEEDBACK_SALT)
    mail.outbox.clear()
    report, reopened = services.report_feedback(token=first_link, fixed=False)
    assert reopened
    assert [m.to for m in mail.outbox] == [[category.department.email]]  # the unit, again
    assert ReportUpdate.objects.filter(report=report, notified_at__isnull=True).count() == 0
    # Closed once more: the first closing's link no longer reopens it.
    services.report_status_change(report=report, status=fixed, by=UserFactory())
    report, reopened = services.report_feedback(token=first_link, fixed=False)
    assert not reopened and report.status.is_closed


def test_merging_twice_is_refused_and_counts_supporters_once(district):
    into = ReportFactory(district=district, supporter_count=0)
    duplicate = ReportFactory(district=district, supporter_count=2)
    closed_status()
    services.report_merge(duplicate=duplicate, into=into, by=None)
    with pytest.raises(Exception) as error:
        services.report_merge(duplicate=duplicate, into=into, by=None)
    assert "duplicate" in error.value.message_dict
    into.refresh_from_db()
    assert into.supporter_count == 3


def test_unicode_digits_are_no_page_number_nor_house_number(client, district):
    from participation.core.selectors import street_lookup
    from tests.factories import StreetFactory

    with translation.override("de"):
        address = reverse("defects:list")
    assert client.get(address, {"page": "²"}).status_code == 400
    street = StreetFactory(district=district)
    assert isinstance(street_lookup(street_id=street.pk, house_number="²"), Point)


def test_mail_subjects_are_not_html_escaped(district):
    status = closed_status()
    status.name = "Nicht zuständig & weitergeleitet"
    status.save()
    report = services.report_submit(
        service_code=CategoryFactory().service_code,
        location=district.area.point_on_surface,
        description="Baum umgestürzt.",
        reporter=UserFactory(email="sam@example.org"),
    )
    mail.outbox.clear()
    services.report_status_change(report=report, status=status, by=UserFactory())
    (message,) = [m for m in mail.outbox if m.to == ["sam@example.org"]]
    assert "Nicht zuständig & weitergeleitet" in message.subject
    assert Report.objects.filter(pk=report.pk, status=status).exists()
