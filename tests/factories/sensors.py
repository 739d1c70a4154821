"""Factories of opendata.sensors: the SensorThings registry, readings and what is published."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import factory
from factory.django import DjangoModelFactory

from opendata.sensors.models import (
    Datastream,
    Device,
    FeatureOfInterest,
    Location,
    ObservedProperty,
    PrivacyBudgetEntry,
    PublishedObservation,
    RawObservation,
    Release,
    Sensor,
    SensorAlert,
    Thing,
)
from tests.factories.geometry import city_point, city_square

# A fixed quarter hour in the past: published windows are closed ones.
WINDOW_START = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)
QUARTER_HOUR = timedelta(minutes=15)


class LocationFactory(DjangoModelFactory):
    class Meta:
        model = Location

    name = factory.Sequence(lambda n: f"Test location {n}")
    location = factory.Sequence(city_point)


class ThingFactory(DjangoModelFactory):
    """A thing; ``ThingFactory(locations=[location])`` places it."""

    class Meta:
        model = Thing
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test thing {n}")

    @factory.post_generation
    def locations(thing, create, extracted, **kwargs):
        if create and extracted:
            thing.locations.set(extracted)


class SensorFactory(DjangoModelFactory):
    class Meta:
        model = Sensor

    name = factory.Sequence(lambda n: f"Test sensor {n}")


class ObservedPropertyFactory(DjangoModelFactory):
    class Meta:
        model = ObservedProperty

    name = factory.Sequence(lambda n: f"Test property {n}")
    definition = factory.Sequence(lambda n: f"https://vocab.example.org/property-{n}")


class FeatureOfInterestFactory(DjangoModelFactory):
    class Meta:
        model = FeatureOfInterest

    name = factory.Sequence(lambda n: f"Test feature {n}")
    feature = factory.Sequence(city_square)


class DatastreamFactory(DjangoModelFactory):
    """A public measurement stream; ``person_derived=True`` for a counting stream."""

    class Meta:
        model = Datastream

    name = factory.Sequence(lambda n: f"Test stream {n}")
    thing = factory.SubFactory(ThingFactory)
    sensor = factory.SubFactory(SensorFactory)
    observed_property = factory.SubFactory(ObservedPropertyFactory)
    unit_name = "centimetre"
    unit_symbol = "cm"

    class Params:
        person_derived = factory.Trait(
            privacy_class=Datastream.PrivacyClass.PERSON_DERIVED,
            observation_type=Datastream.ObservationType.COUNT,
            unit_name="count",
            unit_symbol="",
        )
        internal = factory.Trait(privacy_class=Datastream.PrivacyClass.CRITICAL_INTERNAL)


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class DeviceFactory(DjangoModelFactory):
    """A device row with a made-up token hash (the sensors' token service mints real ones)."""

    class Meta:
        model = Device

    name = factory.Sequence(lambda n: f"Test device {n}")
    thing = factory.SubFactory(ThingFactory)
    token_prefix = factory.Sequence(lambda n: f"dfx{n:08d}")
    token_hash = factory.LazyAttribute(lambda device: token_hash(device.token_prefix))


class RawObservationFactory(DjangoModelFactory):
    class Meta:
        model = RawObservation

    datastream = factory.SubFactory(DatastreamFactory)
    phenomenon_time = factory.Sequence(lambda n: WINDOW_START + timedelta(seconds=n))
    result = 100.0


class ReleaseFactory(DjangoModelFactory):
    class Meta:
        model = Release

    datastream = factory.SubFactory(DatastreamFactory)
    window_start = factory.Sequence(lambda n: WINDOW_START + n * QUARTER_HOUR)
    window_end = factory.LazyAttribute(lambda release: release.window_start + QUARTER_HOUR)
    created_at = factory.LazyAttribute(lambda release: release.window_end + timedelta(minutes=5))
    method = "mean"
    code_version = "test"
    readings_used = 1
    digest = "0" * 64


class PublishedObservationFactory(DjangoModelFactory):
    """One published cell; its times and stream follow its release."""

    class Meta:
        model = PublishedObservation

    release = factory.SubFactory(ReleaseFactory)
    datastream = factory.SelfAttribute("release.datastream")
    phenomenon_time_start = factory.SelfAttribute("release.window_start")
    phenomenon_time_end = factory.SelfAttribute("release.window_end")
    result_time = factory.SelfAttribute("release.created_at")
    result = 100.0
    cell = ""


class PrivacyBudgetEntryFactory(DjangoModelFactory):
    class Meta:
        model = PrivacyBudgetEntry

    release = factory.SubFactory(ReleaseFactory, parameters={"epsilon": 0.1})
    datastream = factory.SelfAttribute("release.datastream")
    day = factory.LazyAttribute(lambda entry: entry.release.window_start.date())
    epsilon = 0.1


class SensorAlertFactory(DjangoModelFactory):
    class Meta:
        model = SensorAlert

    kind = SensorAlert.Kind.THRESHOLD
    datastream = factory.SubFactory(DatastreamFactory, warning_threshold=400.0)
    value = 420.0
