"""Staff services: photo release and redaction, and the link to the city's sensors."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.utils import timezone
from PIL import Image

from opendata.sensors import alerts
from opendata.sensors.selectors import thing_latest_nearby
from participation.defects.handling import services
from participation.defects.models import Report, ReportPhoto, ReportUpdate
from tests.factories import DistrictFactory, UserFactory
from tests.factories.defects import (
    CategoryFactory,
    ReportFactory,
    ReportPhotoFactory,
    initial_status,
)
from tests.factories.sensors import (
    DatastreamFactory,
    LocationFactory,
    ObservedPropertyFactory,
    PublishedObservationFactory,
    RawObservationFactory,
    ThingFactory,
)

pytestmark = pytest.mark.django_db


def white_photo(report: Report) -> ReportPhoto:
    return ReportPhotoFactory(
        report=report, image__width=100, image__height=80, image__color="white"
    )


def test_redaction_blacks_out_the_rectangle_and_keeps_no_original(
    django_capture_on_commit_callbacks,
):
    initial_status()
    photo = white_photo(ReportFactory())
    storage, old_name = photo.image.storage, photo.image.name
    staff = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.report_photo_redact(
            photo=photo, rectangles=[services.Rectangle(10, 10, 30, 20)], by=staff
        )
    photo.refresh_from_db()
    assert photo.image.name != old_name
    assert not storage.exists(old_name)
    with photo.image.open("rb") as stored, Image.open(stored) as image:
        assert image.getpixel((20, 20))[0] < 30  # inside: black
        assert image.getpixel((70, 60))[0] > 225  # outside: untouched
    entry = photo.report.updates.get(kind=ReportUpdate.Kind.NOTE)
    assert entry.author == staff and not entry.public


@pytest.mark.parametrize(
    "rectangle",
    [
        services.Rectangle(0, 0, 0, 10),
        services.Rectangle(500, 10, 5, 5),
        services.Rectangle(-1, 0, 5, 5),
    ],
)
def test_bad_rectangles_are_refused_and_the_photo_stays(rectangle):
    initial_status()
    photo = white_photo(ReportFactory())
    name = photo.image.name
    with pytest.raises(ValidationError) as error:
        services.report_photo_redact(photo=photo, rectangles=[rectangle], by=None)
    assert "rectangles" in error.value.error_dict
    photo.refresh_from_db()
    assert photo.image.name == name


def test_release_and_hide_a_photo_are_recorded():
    initial_status()
    photo = white_photo(ReportFactory())
    staff = UserFactory()
    services.report_photo_visibility(photo=photo, public=True, by=staff)
    assert ReportPhoto.objects.get(pk=photo.pk).public
    services.report_photo_visibility(photo=photo, public=False, by=staff)
    assert not ReportPhoto.objects.get(pk=photo.pk).public
    assert photo.report.updates.filter(kind=ReportUpdate.Kind.NOTE, author=staff).count() == 2


# --- sensors --------------------------------------------------------------------------------


@pytest.fixture
def district():
    initial_status()
    return DistrictFactory()


def bin_sensor(point, *, name="Unterflurbehälter Markt"):
    thing = ThingFactory(name=name, locations=[LocationFactory(location=point)])
    prop = ObservedPropertyFactory(definition="https://city.example/def/fill-level")
    return DatastreamFactory(
        thing=thing,
        observed_property=prop,
        unit_name="percent",
        unit_symbol="%",
        warning_threshold=85,
    )


def north(point, metres):
    return type(point)(point.x, point.y + metres / 111_195, srid=4326)


def test_the_nearest_sensor_within_100_m_with_its_latest_published_reading(district):
    centre = district.area.point_on_surface
    near = bin_sensor(north(centre, 40), name="Nah")
    bin_sensor(north(centre, 80), name="Weiter")
    bin_sensor(north(centre, 300), name="Zu weit")
    PublishedObservationFactory(release__datastream=near, result=91.0)
    found = thing_latest_nearby(observed_property_slug="fill-level", location=centre, radius_m=100)
    assert found is not None and found.thing.name == "Nah"
    assert 35 < found.distance_m < 45
    assert found.latest is not None and found.latest.value == 91.0
    assert "91" in found.latest_label
    assert thing_latest_nearby(observed_property_slug="water-level", location=centre) is None


def test_the_report_screen_shows_the_sensor(client, district):
    centre = district.area.point_on_surface
    stream = bin_sensor(north(centre, 20))
    PublishedObservationFactory(release__datastream=stream, result=77.0)
    report = ReportFactory(district=district, category=CategoryFactory(sensor_kind="fill-level"))
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Mängelmelder-Leitstelle"))
    client.force_login(user)
    html = client.get(f"/admin/defects/report/edit/{report.pk}/").content.decode()
    assert f'data-sensor="{stream.thing.pk}"' in html
    assert "77" in html


def test_a_sensor_alert_opens_an_internal_report_then_adds_to_it(district):
    category = CategoryFactory(sensor_kind="fill-level")
    centre = district.area.point_on_surface
    report = services.report_from_sensor_alert(
        kind="threshold",
        observed_property_slug="fill-level",
        location=centre,
        thing_name="Behälter Markt",
        value=92.0,
    )
    assert report is not None
    assert report.category == category
    assert report.channel == Report.Channel.SENSOR
    assert report.moderation == Report.Moderation.APPROVED
    assert "92" in report.description
    again = services.report_from_sensor_alert(
        kind="offline",
        observed_property_slug="fill-level",
        location=north(centre, 30),
        thing_name="Behälter Markt",
    )
    assert again == report
    assert Report.objects.filter(category=category).count() == 1
    assert report.updates.filter(kind=ReportUpdate.Kind.NOTE, public=False).exists()


def test_a_sensor_alert_merges_with_a_citizens_report_nearby(district):
    category = CategoryFactory(sensor_kind="fill-level")
    citizen_report = ReportFactory(district=district, category=category)
    found = services.report_from_sensor_alert(
        kind="threshold",
        observed_property_slug="fill-level",
        location=north(citizen_report.location, 20),
        thing_name="Behälter",
        value=90.0,
    )
    assert found == citizen_report
    assert Report.objects.filter(category=category).count() == 1


def test_an_alert_without_a_watching_category_or_outside_the_city_opens_nothing(district):
    assert (
        services.report_from_sensor_alert(
            kind="threshold",
            observed_property_slug="noise",
            location=district.area.point_on_surface,
            thing_name="x",
        )
        is None
    )
    CategoryFactory(sensor_kind="fill-level")
    assert (
        services.report_from_sensor_alert(
            kind="offline",
            observed_property_slug="fill-level",
            location=Point(0, 0, srid=4326),
            thing_name="x",
        )
        is None
    )


def test_the_sensors_alert_evaluation_opens_the_report(
    district, django_capture_on_commit_callbacks
):
    category = CategoryFactory(sensor_kind="fill-level")
    stream = bin_sensor(district.area.point_on_surface)
    RawObservationFactory(datastream=stream, result=95.0, phenomenon_time=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        alerts.alerts_evaluate()
    report = Report.objects.get(category=category)
    assert report.channel == Report.Channel.SENSOR
    assert stream.thing.name in report.description


@pytest.mark.parametrize("privacy_class", ["critical_internal", "person_derived"])
def test_alerts_of_internal_or_person_derived_streams_open_no_report(
    district, django_capture_on_commit_callbacks, privacy_class
):
    from opendata.sensors.models import Datastream

    CategoryFactory(sensor_kind="fill-level")
    stream = bin_sensor(district.area.point_on_surface, name="Pumpwerk intern")
    Datastream.objects.filter(pk=stream.pk).update(privacy_class=privacy_class)
    RawObservationFactory(datastream=stream, result=95.0, phenomenon_time=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        alerts.alerts_evaluate()
    assert not Report.objects.filter(description__contains="Pumpwerk intern").exists()
