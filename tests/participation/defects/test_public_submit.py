"""The citizen's report form through the test client: both steps, duplicates, "me too",
spam protection, rate limit, bad input per field, and the links of the mails."""

from __future__ import annotations

import io
import re
import time
from unittest import mock

import pytest
from django.contrib.gis.geos import MultiPolygon, Point, Polygon
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from participation.core.spam import form_token_issue
from participation.defects import services
from participation.defects.links import (
    CONFIRM_SALT,
    FEEDBACK_SALT,
    report_from_link,
    report_link_token,
)
from participation.defects.models import Report, ReportPhoto, ReportSupport, ReportUpdate
from tests.factories import (
    CategoryFactory,
    DistrictFactory,
    ReportFactory,
    StreetFactory,
    UserFactory,
)
from tests.factories.defects import closed_status, initial_status

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def district():
    """A district of its own, away from the demo city's (factory squares may fall inside one
    of those, which then wins the point-in-district lookup)."""
    initial_status()
    square = Polygon.from_bbox((9.40, 51.40, 9.41, 51.41))
    return DistrictFactory(area=MultiPolygon(square, srid=4326))


@pytest.fixture
def category():
    group = CategoryFactory(service_code="roads", name="Straßen", name_en="Roads")
    return CategoryFactory(
        service_code="pothole", name="Schlagloch", name_en="Pothole", parent=group
    )


def url(name: str, *args, language: str = "de") -> str:
    with translation.override(language):
        return reverse(name, args=args or None)


def centre(district) -> Point:
    return district.area.point_on_surface


def place_data(district, category, **extra: str) -> dict[str, str]:
    point = centre(district)
    return (
        {"category": category.service_code, "latitude": f"{point.y:.6f}"}
        | {"longitude": f"{point.x:.6f}"}
        | extra
    )


def details_data(place: dict[str, str], **extra) -> dict[str, object]:
    return (
        {
            "step": "details",
            "street": "",
            "house_number": "",
            "description": "Tiefes Schlagloch vor der Bäckerei.",
            "email": "",
            "name": "",
            "website": "",
            "form_token": form_token_issue(now=time.time() - 30),
        }
        | place
        | extra
    )


def jpeg_with_gps() -> SimpleUploadedFile:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x8825] = {2: (52.0, 31.0, 0.0), 1: "N"}  # GPSInfo
    exif[0x010F] = "CanaryCam"  # Make
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile("IMG_0001.jpg", out.getvalue(), "image/jpeg")


def summary_links(response) -> list[str]:
    """The fields the error summary links to."""
    html = response.content.decode()
    block = html.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    return re.findall(r'href="#id_([a-z_]+)"', block)


# --- the whole flow -------------------------------------------------------------------------


def test_the_form_groups_categories_and_streets_and_shows_the_privacy_notice(
    client, district, category
):
    StreetFactory(name="Lindenweg", district=district)
    response = client.get(url("defects:report_new"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<optgroup label="Straßen">' in html
    assert f'<optgroup label="{district.name}">' in html
    assert "Lindenweg" in html
    assert 'id="defect-map"' in html
    assert url("defects:report_new") == "/maengelmelder/melden/"


def test_a_report_with_coordinates_and_email_waits_for_the_confirmation(client, district, category):
    place = place_data(district, category)
    step2 = client.post(url("defects:report_new"), {"step": "place"} | place)
    assert step2.status_code == 200
    assert 'name="description"' in step2.content.decode()
    assert "Ihre Daten" in step2.content.decode()  # the privacy notice, before the address
    response = client.post(
        url("defects:report_new"),
        details_data(place, email="anna@example.org", name="Anna Beispiel"),
    )
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("defects:report_thanks")
    assert report.moderation == Report.Moderation.PENDING
    assert report.contact.email == "anna@example.org"
    assert (report.contact.first_name, report.contact.last_name) == ("Anna", "Beispiel")
    assert report.location.distance(centre(district)) < 1e-5
    thanks = client.get(response["Location"])
    assert f"#{report.pk}" in thanks.content.decode()
    assert "E-Mail mit einem Link" in thanks.content.decode()
    confirmation = next(m for m in mail.outbox if m.to == ["anna@example.org"])
    # The signed link carries its second of issue: compare what it opens, not its text.
    mailed = re.search(r"/bestaetigen/([^/\s]+)/", confirmation.body)
    assert mailed is not None, confirmation.body
    assert report_from_link(mailed.group(1), CONFIRM_SALT) == report


def test_a_report_by_street_and_house_number_keeps_the_address(client, district, category):
    street = StreetFactory(name="Lindenweg", district=district)
    place = {"category": category.service_code, "street": str(street.pk), "house_number": "12"}
    step2 = client.post(url("defects:report_new"), {"step": "place"} | place)
    assert step2.status_code == 200
    assert "Lindenweg 12" in step2.content.decode()
    data = details_data({"latitude": "", "longitude": ""} | place)
    response = client.post(url("defects:report_new"), data)
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.address == "Lindenweg 12"
    assert report.district == district
    assert report.moderation == Report.Moderation.PENDING  # no e-mail: the moderators check it


def test_a_logged_in_citizens_report_is_published_at_once(client, district, category):
    client.force_login(UserFactory(email="bert@example.org"))
    place = place_data(district, category)
    response = client.post(url("defects:report_new"), details_data(place))
    report = Report.objects.get()
    assert report.is_public
    assert response["Location"] == url("defects:report", report.pk)
    page = client.get(response["Location"])
    assert f"#{report.pk}" in page.content.decode()
    assert "veröffentlicht" in page.content.decode()


def test_a_photo_is_stored_without_its_exif_data(client, district, category):
    place = place_data(district, category)
    response = client.post(url("defects:report_new"), details_data(place, photos=[jpeg_with_gps()]))
    assert response.status_code == 302
    photo = ReportPhoto.objects.get()
    with photo.image.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
        assert "exif" not in image.info
    photo.image.storage.delete(photo.image.name)


# --- bad input per field --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("place", "field"),
    [
        ({"latitude": "10.0", "longitude": "10.0"}, "latitude"),  # outside the city
        ({"latitude": "north", "longitude": "8.6"}, "latitude"),
        ({"latitude": "53.1", "longitude": "east"}, "longitude"),
        ({"latitude": "53.1", "longitude": ""}, "longitude"),
        ({"latitude": "", "longitude": ""}, "latitude"),  # no place at all
        ({"category": "no-such-category"}, "category"),
        ({"latitude": "", "longitude": "", "street": "999999"}, "street"),
    ],
)
def test_a_bad_place_or_category_is_refused_naming_the_field(
    client, district, category, place, field
):
    data = {"step": "place"} | place_data(district, category) | place
    response = client.post(url("defects:report_new"), data)
    assert response.status_code == 400
    assert field in summary_links(response)
    # The same input sent straight to the last step is refused as well, nothing saved.
    response = client.post(
        url("defects:report_new"), details_data(place_data(district, category) | place)
    )
    assert response.status_code == 400
    assert field in summary_links(response)
    assert not Report.objects.exists()


def test_a_group_is_not_a_category_to_report_in(client, district, category):
    data = {"step": "place"} | place_data(district, category) | {"category": "roads"}
    response = client.post(url("defects:report_new"), data)
    assert response.status_code == 400
    assert summary_links(response) == ["category"]


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"description": "<script>alert(1)</script> Loch"}, "description"),
        ({"description": "x" * 100_000}, "description"),
        ({"description": ""}, "description"),
        ({"email": "not-an-address"}, "email"),
        (
            {"photos": [SimpleUploadedFile("a.jpg", b"%PDF-1.4 not an image", "image/jpeg")]},
            "photos",
        ),
    ],
)
def test_bad_details_are_refused_naming_the_field_and_nothing_is_saved(
    client, district, category, extra, field
):
    response = client.post(
        url("defects:report_new"), details_data(place_data(district, category), **extra)
    )
    assert response.status_code == 400
    assert summary_links(response) == [field]
    assert not Report.objects.exists()
    assert not ReportPhoto.objects.exists()


def test_an_oversized_photo_is_refused(client, district, category):
    with mock.patch("participation.core.images.MAX_UPLOAD_BYTES", 100):
        response = client.post(
            url("defects:report_new"),
            details_data(place_data(district, category), photos=[jpeg_with_gps()]),
        )
    assert response.status_code == 400
    assert summary_links(response) == ["photos"]
    assert "10 MB" in response.content.decode()
    assert not Report.objects.exists()


def test_more_than_three_photos_are_refused(client, district, category):
    photos = [jpeg_with_gps() for _ in range(4)]
    response = client.post(
        url("defects:report_new"), details_data(place_data(district, category), photos=photos)
    )
    assert response.status_code == 400
    assert summary_links(response) == ["photos"]
    assert not Report.objects.exists()


# --- spam and floods ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "extra",
    [
        {"website": "http://spam.example"},
        {"form_token": "now"},  # sent at once: faster than a person
        {"form_token": "forged:token"},
        {"form_token": ""},
    ],
)
def test_the_honeypot_and_a_fast_or_forged_token_are_refused(client, district, category, extra):
    if extra.get("form_token") == "now":
        extra = {"form_token": form_token_issue()}
    response = client.post(
        url("defects:report_new"), details_data(place_data(district, category), **extra)
    )
    assert response.status_code == 400
    assert "konnte nicht angenommen werden" in response.content.decode()
    assert not Report.objects.exists()


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client, district, category):
    response = client.post(
        url("defects:report_new"), {"step": "place"} | place_data(district, category)
    )
    html = response.content.decode()
    assert re.search(r'<div class="defect-hp" aria-hidden="true">', html)
    assert re.search(r'name="website"[^>]*tabindex="-1"|tabindex="-1"[^>]*name="website"', html)


def test_a_flood_is_answered_with_429_and_retry_after_keeping_the_input(
    client, settings, district, category
):
    settings.DEFECTS_SUBMIT_RATE = "2/600"
    place = place_data(district, category)
    for _ in range(2):
        assert client.post(url("defects:report_new"), details_data(place)).status_code == 302
    response = client.post(
        url("defects:report_new"), details_data(place, description="Noch ein Schlagloch hier.")
    )
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 600
    html = response.content.decode()
    assert re.search(r"Bitte versuchen Sie es in \d+ Minuten? erneut", html)
    assert "Noch ein Schlagloch hier." in html
    assert Report.objects.count() == 2


# --- duplicates and "me too" ----------------------------------------------------------------


def test_nearby_open_reports_are_shown_and_me_too_counts_once(client, district, category):
    existing = ReportFactory(category=category, district=district, location=centre(district))
    other_category = ReportFactory(district=district, location=centre(district))
    response = client.post(
        url("defects:report_new"), {"step": "place"} | place_data(district, category)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert url("defects:report", existing.pk) in html
    assert url("defects:report", other_category.pk) not in html
    assert url("defects:support", existing.pk) in html
    assert "0 m entfernt" in html
    assert 'name="description"' not in html  # "me too" first, the form behind a button
    for _ in range(2):
        response = client.post(url("defects:support", existing.pk))
        assert response["Location"] == url("defects:report", existing.pk)
    existing.refresh_from_db()
    assert existing.supporter_count == 1
    assert ReportSupport.objects.filter(report=existing).count() == 1
    page = client.get(url("defects:report", existing.pk)).content.decode()
    assert "unterstützen diese Meldung bereits" in page
    # A different problem after all: on to the second step.
    data = {"step": "place", "different": "1"} | place_data(district, category)
    assert 'name="description"' in client.post(url("defects:report_new"), data).content.decode()


def test_the_report_page_offers_me_too_for_open_public_reports_only(client, district, category):
    report = ReportFactory(category=category, district=district)
    assert (
        url("defects:support", report.pk)
        in client.get(url("defects:report", report.pk)).content.decode()
    )
    report.status = closed_status()
    report.save()
    page = client.get(url("defects:report", report.pk)).content.decode()
    assert url("defects:support", report.pk) not in page
    client.post(url("defects:support", report.pk))
    report.refresh_from_db()
    assert report.supporter_count == 0


# --- the links in the mails -----------------------------------------------------------------


def test_the_confirmation_link_shows_a_button_confirms_on_post_and_says_when_reused(
    client, district, category
):
    client.post(
        url("defects:report_new"),
        details_data(place_data(district, category), email="carla@example.org"),
    )
    report = Report.objects.get()
    mail_body = next(m for m in mail.outbox if m.to == ["carla@example.org"]).body
    link = re.search(r"https?://\S+/bestaetigen/\S+/", mail_body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    get = client.get("/" + path)
    assert get.status_code == 200
    assert '<form method="post">' in get.content.decode()
    report.refresh_from_db()
    assert not report.is_public  # a mail scanner following the link confirms nothing
    first = client.post("/" + path, follow=True)
    assert "bestätigt und veröffentlicht" in first.content.decode()
    again = client.post("/" + path, follow=True)
    assert "bereits bestätigt" in again.content.decode()
    report.refresh_from_db()
    assert report.is_public
    assert report.updates.filter(kind=ReportUpdate.Kind.CONFIRMED).count() == 1


def test_the_not_fixed_link_reopens_the_report(client, district, category):
    report = services.report_submit(
        service_code=category.service_code,
        location=centre(district),
        description="Laterne dunkel.",
        reporter=UserFactory(),
    )
    services.report_status_change(report=report, status=closed_status(), text="Repariert.")
    token = report_link_token(report, FEEDBACK_SALT)
    path = url("defects:feedback", token, "no")
    assert client.get(path).status_code == 200
    response = client.post(path, follow=True)
    assert "wieder offen" in response.content.decode()
    report.refresh_from_db()
    assert not report.status.is_closed
    assert report.updates.filter(kind=ReportUpdate.Kind.REOPENED).count() == 1


# --- English --------------------------------------------------------------------------------


def test_the_english_form_has_english_labels_and_messages(client, district, category):
    path = url("defects:report_new", language="en")
    assert path == "/en/defects/report/"
    html = client.get(path).content.decode()
    assert "Report a defect" in html
    assert "Use my location" in html
    assert "Or: street and house number" in html
    assert '<optgroup label="Roads">' in html
    response = client.post(
        path, {"step": "place"} | place_data(district, category, latitude="north")
    )
    assert response.status_code == 400
    assert "Please enter a number" in response.content.decode()
    step2 = client.post(path, {"step": "place"} | place_data(district, category))
    assert "Your data" in step2.content.decode()
    assert "E-mail address (optional)" in step2.content.decode()
