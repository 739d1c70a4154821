"""The registry's rules, and that raw readings have no way out."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import get_resolver

from opendata.sensors.models import Datastream, RawObservation

pytestmark = pytest.mark.django_db


def test_person_derived_streams_need_k_of_at_least_10(station):
    stream = station.counter
    stream.k_minimum = 5
    with pytest.raises(ValidationError) as caught:
        stream.full_clean()
    assert "k_minimum" in caught.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Datastream.objects.filter(pk=stream.pk).update(k_minimum=5)
    # Public streams may use a smaller k.
    Datastream.objects.filter(pk=station.level.pk).update(k_minimum=3)


def test_new_streams_default_to_k_10_and_15_minute_windows(station):
    assert (station.level.k_minimum, station.level.window_minutes) == (10, 15)


@pytest.mark.parametrize(
    ("field", "value"),
    [("window_minutes", 30), ("noise_epsilon_per_day", 0), ("valid_min", 1000)],
)
def test_policy_fields_refuse_nonsense(station, field, value):
    stream = station.level
    setattr(stream, field, value)
    with pytest.raises(ValidationError):
        stream.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Datastream.objects.filter(pk=stream.pk).update(**{field: value})


def test_raw_readings_are_reachable_from_no_admin_and_no_url():
    from django.contrib import admin

    assert not admin.site.is_registered(RawObservation)
    names = []

    def walk(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns)
            else:
                callback = pattern.callback
                model = getattr(callback, "view_initkwargs", {}).get("model")
                if model is None:
                    model = getattr(getattr(callback, "view_class", None), "model", None)
                if model is None:
                    model = getattr(getattr(callback, "cls", None), "queryset", None)
                    model = getattr(model, "model", None)
                names.append(model)

    walk(get_resolver().url_patterns)
    assert RawObservation not in names
    assert Datastream in names  # the walk does find the registry's admin views
