"""Factories of participation's shared core: the street list, subscriptions."""

from __future__ import annotations

import factory
from django.contrib.contenttypes.models import ContentType
from django.contrib.gis.geos import LineString
from django.utils import timezone
from factory.django import DjangoModelFactory

from participation.core.models import AbuseFlag, NotificationSent, Street, Subscription
from portal.core.models import District
from tests.factories.core import DistrictFactory


def _line_through(district) -> LineString:
    centre = district.area.point_on_surface
    line = LineString((centre.x - 0.001, centre.y), (centre.x + 0.001, centre.y))
    line.srid = 4326
    return line


class StreetFactory(DjangoModelFactory):
    class Meta:
        model = Street

    name = factory.Sequence(lambda n: f"Teststraße {n}")
    district = factory.SubFactory(DistrictFactory)
    line = factory.LazyAttribute(lambda street: _line_through(street.district))
    first_number = 1
    last_number = 41


class SubscriptionFactory(DjangoModelFactory):
    """A confirmed subscription to a district (an area)."""

    class Meta:
        model = Subscription

    email = factory.Sequence(lambda n: f"follower{n}@example.org")
    topic = "defects"
    district = factory.SubFactory(DistrictFactory)
    confirmed_at = factory.LazyFunction(timezone.now)


class NotificationSentFactory(DjangoModelFactory):
    class Meta:
        model = NotificationSent

    subscription = factory.SubFactory(SubscriptionFactory)
    key = factory.Sequence(lambda n: f"test:{n}")


class AbuseFlagFactory(DjangoModelFactory):
    """A flag on a district (any model will do: flags point anywhere through contenttypes)."""

    class Meta:
        model = AbuseFlag

    content_type = factory.LazyFunction(lambda: ContentType.objects.get_for_model(District))
    object_id = factory.LazyFunction(lambda: DistrictFactory().pk)
    reason = AbuseFlag.Reason.SPAM
    flagger_key = factory.Sequence(lambda n: f"user:{n}")
