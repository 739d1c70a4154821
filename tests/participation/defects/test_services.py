"""The defect reporter's services: submit, routing, duplicates, links, status, merge, retention."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.gis.geos import MultiPolygon, Point, Polygon
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from participation.defects import notifications, selectors, services, validation
from participation.defects.handling.services import report_forward
from participation.defects.links import FEEDBACK_SALT, report_link_token
from participation.defects.models import (
    Report,
    ReporterContact,
    ReportForward,
    ReportPhoto,
    ReportUpdate,
)
from participation.defects.validation import distance_metres
from tests.factories import (
    CategoryFactory,
    DepartmentFactory,
    DistrictFactory,
    ReportFactory,
    RoutingRuleFactory,
    UserFactory,
)
from tests.factories.defects import closed_status, initial_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    initial_status()
    return DistrictFactory()


@pytest.fixture
def category():
    return CategoryFactory(service_code="pothole", name="Schlagloch", name_en="Pothole")


def centre(district) -> Point:
    return district.area.point_on_surface


def offset(point: Point, metres_north: float) -> Point:
    return Point(point.x, point.y + metres_north / 111_195, srid=4326)


def submit(district, category, **kwargs):
    defaults = {
        "service_code": category.service_code,
        "location": centre(district),
        "description": "Tiefes Schlagloch vor der Bäckerei.",
    }
    return services.report_submit(**(defaults | kwargs))


def jpeg_with_gps() -> SimpleUploadedFile:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x8825] = {2: (52.0, 31.0, 0.0), 1: "N"}  # GPSInfo
    exif[0x010F] = "CanaryCam"  # Make
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile("IMG_Max_Mustermann.jpg", out.getvalue(), "image/jpeg")


# --- submit ---------------------------------------------------------------------------------


def test_an_anonymous_report_with_email_waits_for_its_confirmation_link(district, category):
    report = submit(district, category, contact=services.Contact(email="anna@example.org"))
    assert report.moderation == Report.Moderation.PENDING
    assert not report.is_public
    assert report.district == district
    assert report.department == category.department
    assert ReporterContact.objects.get(report=report).email == "anna@example.org"
    confirm, unit = sorted(mail.outbox, key=lambda m: m.to[0])
    assert confirm.to == ["anna@example.org"]
    assert unit.to == [category.department.email]
    # The confirmation link's last path segment is its signed token.
    token = re.search(r"/bestaetigen/([^/\s]+)/", confirm.body).group(1)
    report, confirmed = services.report_confirm(token=token)
    assert confirmed and report.is_public
    report, confirmed = services.report_confirm(token=token)  # the link used again
    assert not confirmed and report.is_public
    assert report.updates.filter(kind=ReportUpdate.Kind.CONFIRMED).count() == 1


def test_a_report_from_an_account_is_public_at_once_and_keeps_no_copy_of_the_email(
    district, category
):
    user = UserFactory(email="bert@example.org")
    report = submit(district, category, reporter=user)
    assert report.is_public
    assert report.reporter == user
    assert ReporterContact.objects.get(report=report).email == "bert@example.org"
    assert all(m.to != ["bert@example.org"] for m in mail.outbox)  # nothing to confirm


def test_a_forged_or_foreign_link_is_refused(district, category):
    report = submit(district, category)
    with pytest.raises(ValidationError) as error:
        services.report_confirm(token=report_link_token(report, FEEDBACK_SALT))
    assert "token" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.report_confirm(token="garbage")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"service_code": "no-such-code"}, "category"),
        ({"location": Point(13.4, 52.5, srid=4326)}, "location"),  # Berlin: outside the city
        ({"description": ""}, "description"),
        ({"description": "x" * 4001}, "description"),
        ({"description": "Look <script>alert(1)</script>"}, "description"),
        ({"contact": services.Contact(email="not-an-address")}, "email"),
        ({"contact": services.Contact(email="x" * 300 + "@example.org")}, "email"),
    ],
)
def test_bad_input_names_its_field_and_stores_nothing(district, category, kwargs, field):
    with pytest.raises(ValidationError) as error:
        submit(district, category, **kwargs)
    assert field in error.value.message_dict
    assert not Report.objects.filter(category=category).exists()
    assert not mail.outbox


@pytest.mark.parametrize(
    ("lat", "lon"), [("abc", "8.6"), ("nan", "8.6"), ("91", "8.6"), (None, None), ("1e400", "8")]
)
def test_coordinates_that_are_not_numbers_are_refused(lat, lon):
    with pytest.raises(ValidationError) as error:
        validation.location_from_coordinates(lat, lon)
    assert "location" in error.value.message_dict


def test_a_group_cannot_be_chosen_only_its_categories(district):
    group = CategoryFactory(service_code="lighting")
    CategoryFactory(parent=group, service_code="lamp-out")
    with pytest.raises(ValidationError):
        submit(district, group)


def test_photos_are_re_encoded_without_metadata_and_wait_for_moderation(district, category):
    report = submit(district, category, photos=[jpeg_with_gps()])
    photo = ReportPhoto.objects.get(report=report)
    assert not photo.public
    assert "Mustermann" not in photo.image.name
    with Image.open(photo.image.path) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif()
        assert stored.size == (64, 48)
    assert b"CanaryCam" not in photo.image.open("rb").read()


def test_a_file_that_is_not_an_image_is_refused_and_nothing_is_stored(district, category):
    fake = SimpleUploadedFile("x.jpg", b"%PDF-1.4 not an image", "image/jpeg")
    with pytest.raises(ValidationError) as error:
        submit(district, category, photos=[fake])
    assert "photos" in error.value.message_dict
    assert not Report.objects.filter(category=category).exists()


def test_more_than_three_photos_are_refused(district, category):
    with pytest.raises(ValidationError) as error:
        submit(district, category, photos=[jpeg_with_gps() for _ in range(4)])
    assert "photos" in error.value.message_dict


# --- routing ----------------------------------------------------------------------------------


def test_routing_prefers_the_rule_whose_area_holds_the_point(district, category):
    here = centre(district)
    depot = DepartmentFactory(slug="bauhof-nord")
    elsewhere = DepartmentFactory(slug="bauhof-sued")
    square = Polygon.from_bbox((here.x - 0.001, here.y - 0.001, here.x + 0.001, here.y + 0.001))
    far = Polygon.from_bbox((here.x + 0.01, here.y + 0.01, here.x + 0.02, here.y + 0.02))
    RoutingRuleFactory(
        category=category, area=MultiPolygon(far, srid=4326), department=elsewhere, priority=1
    )
    RoutingRuleFactory(
        category=category, area=MultiPolygon(square, srid=4326), department=depot, priority=5
    )
    assert submit(district, category).department == depot


def test_a_rule_on_the_group_routes_its_categories_and_a_district_rule_applies(district):
    utilities = DepartmentFactory(slug="stadtwerke-test")
    group = CategoryFactory(service_code="lights", department=None)
    lamp = CategoryFactory(parent=group, service_code="lamp", department=None)
    RoutingRuleFactory(category=group, district=district, department=utilities)
    assert submit(district, lamp).department == utilities
    other = DistrictFactory()
    assert submit(other, lamp).department is None  # no rule there, no unit of its own


# --- duplicates -------------------------------------------------------------------------------


def test_open_reports_of_the_category_within_50_m_are_offered_nearest_first(district, category):
    here = centre(district)
    far = ReportFactory(category=category, district=district, location=offset(here, 45))
    near = ReportFactory(category=category, district=district, location=offset(here, 10))
    ReportFactory(category=category, district=district, location=offset(here, 60))  # too far
    ReportFactory(district=district, location=here)  # other category
    ReportFactory(category=category, district=district, location=here, status=closed_status())
    ReportFactory(
        category=category, district=district, location=here, moderation=Report.Moderation.REJECTED
    )
    found = selectors.report_duplicates_nearby(category=category, location=here)
    assert found == [near, far]


def test_distance_is_the_great_circle_distance():
    a = Point(8.6, 51.0, srid=4326)
    assert distance_metres(a, offset(a, 50)) == pytest.approx(50, rel=1e-3)


def test_me_too_counts_once_per_supporter(district, category):
    report = ReportFactory(category=category, district=district)
    key = services.supporter_key(session_key="abc")
    assert services.report_support(report=report, key=key) is True
    assert services.report_support(report=report, key=key) is False
    assert services.report_support(report=report, key="user:7") is True
    report.refresh_from_db()
    assert report.supporter_count == 2


# --- staff: status, answers, reopening, merge -------------------------------------------------


def test_closing_mails_the_reporter_who_can_reopen_with_not_fixed(district, category):
    staff = UserFactory()
    report = submit(district, category, reporter=UserFactory(email="carla@example.org"))
    mail.outbox.clear()
    fixed = closed_status()
    services.report_status_change(report=report, status=fixed, text="Repariert.", by=staff)
    report.refresh_from_db()
    assert report.closed_at is not None and report.first_answer_at is not None
    (message,) = mail.outbox
    assert message.to == ["carla@example.org"]
    assert "Repariert." in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    token = report_link_token(report, FEEDBACK_SALT)
    assert token in message.body
    report, reopened = services.report_feedback(token=token, fixed=False)
    assert reopened and not report.status.is_closed and report.closed_at is None
    _, again = services.report_feedback(token=token, fixed=False)
    assert again is False


def test_an_internal_note_is_neither_public_nor_mailed(district, category):
    report = submit(district, category, reporter=UserFactory())
    mail.outbox.clear()
    services.report_note_add(report=report, text="Bauhof fragen.", by=UserFactory())
    assert not mail.outbox
    assert all(
        u.kind != ReportUpdate.Kind.NOTE for u in selectors.report_public_timeline(report=report)
    )


def test_unsubscribed_reporters_get_no_status_mail(district, category):
    report = submit(district, category, reporter=UserFactory())
    services.report_unsubscribe(token=report_link_token(report, services.UNSUBSCRIBE_SALT))
    mail.outbox.clear()
    services.report_status_change(report=report, status=closed_status(), by=UserFactory())
    assert not mail.outbox


def test_merging_moves_supporters_and_hides_the_duplicate(district, category):
    original = ReportFactory(category=category, district=district, supporter_count=2)
    duplicate = ReportFactory(category=category, district=district, supporter_count=1)
    closed_status()
    services.report_merge(duplicate=duplicate, into=original, by=UserFactory())
    original.refresh_from_db()
    duplicate.refresh_from_db()
    assert original.supporter_count == 4  # its own 2, the duplicate's 1 and its reporter
    assert duplicate.duplicate_of == original and not duplicate.is_public
    with pytest.raises(ValidationError):
        services.report_merge(duplicate=original, into=duplicate, by=None)


def test_a_rejection_needs_its_reason(district, category):
    report = submit(district, category)
    with pytest.raises(ValidationError) as error:
        services.report_moderate(report=report, approve=False)
    assert "reason" in error.value.message_dict
    services.report_moderate(report=report, approve=False, reason="Werbung")
    report.refresh_from_db()
    assert report.moderation == Report.Moderation.REJECTED


# --- mail outage and retention ----------------------------------------------------------------


def test_a_mail_outage_loses_nothing_and_the_sweep_sends_later(district, category):
    with mock.patch(
        "participation.defects.mails.EmailMessage.send", side_effect=OSError("SMTP down")
    ):
        report = submit(district, category, contact=services.Contact(email="dora@example.org"))
    assert Report.objects.filter(pk=report.pk).exists()
    contact = ReporterContact.objects.get(report=report)
    assert contact.confirmation_sent_at is None
    assert not mail.outbox
    Report.objects.filter(pk=report.pk).update(
        updated_at=timezone.now() - timedelta(hours=1),
        created_at=timezone.now() - timedelta(hours=1),
    )
    assert notifications.defect_mails_send_pending() == 2  # confirmation and unit mail
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        ["dora@example.org", category.department.email]
    )
    assert notifications.defect_mails_send_pending() == 0  # nothing twice


def test_contact_data_is_deleted_after_the_retention_period(district, category, settings):
    settings.DEFECTS_CONTACT_RETENTION_DAYS = 30
    old = submit(district, category, contact=services.Contact(email="old@example.org"))
    recent = submit(district, category, contact=services.Contact(email="new@example.org"))
    still_open = submit(district, category, contact=services.Contact(email="open@example.org"))
    Report.objects.filter(pk=old.pk).update(closed_at=timezone.now() - timedelta(days=31))
    Report.objects.filter(pk=recent.pk).update(closed_at=timezone.now() - timedelta(days=29))
    assert services.reporter_contacts_delete_expired() == 1
    mine = ReporterContact.objects.filter(report__category=category)
    assert set(mine.values_list("report_id", flat=True)) == {
        recent.pk,
        still_open.pk,
    }
    assert Report.objects.filter(pk=old.pk).exists()  # the public record stays


def test_sensitive_categories_are_published_on_a_50_m_grid(district):
    shelter = CategoryFactory(service_code="shelter", sensitive=True)
    here = centre(district)
    report = ReportFactory(category=shelter, district=district, location=here)
    shown = selectors.report_public_location(report=report)
    assert shown != here
    assert distance_metres(shown, here) <= 36  # half the grid's diagonal
    # Every point of a cell is shown as the cell's centre: 10 m off it makes no difference.
    in_same_cell = ReportFactory(category=shelter, district=district, location=offset(shown, 10))
    assert selectors.report_public_location(report=in_same_cell).equals_exact(shown, 1e-9)


def test_only_the_ten_nearest_duplicates_are_offered(district, category):
    here = centre(district)
    reports = [
        ReportFactory(category=category, district=district, location=offset(here, metres))
        for metres in range(12, 0, -1)  # 12 m away first, 1 m away last
    ]
    found = selectors.report_duplicates_nearby(category=category, location=here)
    assert found == reports[::-1][:10]
    assert [round(report.distance) for report in found] == list(range(1, 11))


def test_a_forward_during_a_mail_outage_is_sent_later_once(district, category):
    report = submit(district, category)
    mail.outbox.clear()
    with mock.patch(
        "participation.defects.handling.forwarding.EmailMessage.send",
        side_effect=OSError("SMTP down"),
    ):
        entry = report_forward(report=report, email="firma@example.com", message="Bitte!", by=None)
    forward = ReportForward.objects.get(update=entry)
    assert forward.sent_at is None and not mail.outbox
    ReportUpdate.objects.filter(pk=entry.pk).update(created_at=timezone.now() - timedelta(hours=1))
    assert notifications.defect_mails_send_pending() == 1
    (message,) = mail.outbox
    assert message.to == ["firma@example.com"] and "Bitte!" in message.body
    assert notifications.defect_mails_send_pending() == 0  # nothing twice
