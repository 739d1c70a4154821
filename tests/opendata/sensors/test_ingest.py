"""HTTP batch ingestion: both body forms, validation naming the field, dedupe, tokens."""

from __future__ import annotations

from datetime import timedelta

import pytest

from opendata.sensors.ingestion import parse as ingest
from opendata.sensors.models import RawObservation
from opendata.sensors.tokens import device_revoke
from portal.accounts.tokens import api_token_create
from tests.opendata.sensors.conftest import iso, recent

pytestmark = pytest.mark.django_db


def _fields(response) -> list[str]:
    return [error["field"] for error in response.json()["errors"]]


def test_json_form_stores_every_valid_reading(station, post):
    t = recent()
    response = post(
        {
            "observations": [
                {"datastream": station.level.pk, "phenomenonTime": iso(t), "result": 123.5},
                {
                    "datastream": station.level.pk,
                    "phenomenonTime": iso(t + timedelta(minutes=1)),
                    "result": 124,
                },
                {"datastream": station.lamp.pk, "phenomenonTime": iso(t), "result": True},
            ]
        },
        station.token,
    )
    assert response.status_code == 200, response.content
    assert response.json() == {
        "received": 3,
        "accepted": 3,
        "duplicates": 0,
        "rejected": 0,
        "errors": [],
    }
    stored = RawObservation.objects.filter(datastream=station.level).order_by("phenomenon_time")
    assert [row.result for row in stored] == [123.5, 124.0]
    assert stored[0].phenomenon_time == t
    assert stored[0].subject_pseudonym == ""
    assert RawObservation.objects.get(datastream=station.lamp).result == 1.0


def test_sensorthings_data_array_form_is_accepted(station, post):
    t = recent()
    body = [
        {
            "Datastream": {"@iot.id": station.level.pk},
            "components": ["phenomenonTime", "result"],
            "dataArray": [[iso(t), 10], [iso(t + timedelta(minutes=5)), 11.25]],
        },
        {
            "Datastream": {"@iot.id": station.counter.pk},
            "components": ["result", "phenomenonTime", "subject"],
            "dataArray": [[1, iso(t), "11:22:33:44:55:66"]],
        },
    ]
    response = post(body, station.token)
    assert response.status_code == 200, response.content
    assert response.json()["accepted"] == 3
    assert sorted(
        RawObservation.objects.filter(datastream=station.level).values_list("result", flat=True)
    ) == [10.0, 11.25]
    counted = RawObservation.objects.get(datastream=station.counter)
    assert len(counted.subject_pseudonym) == 16
    int(counted.subject_pseudonym, 16)  # hex


def test_invalid_readings_are_reported_by_field_and_index_and_valid_ones_kept(station, post):
    t = recent()
    observations = [
        {"datastream": station.level.pk, "phenomenonTime": iso(t), "result": 50},  # ok
        {"datastream": station.level.pk, "phenomenonTime": iso(t), "result": 601},  # > max
        {"datastream": station.level.pk, "phenomenonTime": iso(t), "result": "high"},
        {
            "datastream": station.level.pk,
            "phenomenonTime": iso(recent(-30)),  # 30 minutes ahead
            "result": 5,
        },
        {"datastream": station.level.pk, "phenomenonTime": "2026-13-45T99:00", "result": 5},
        {"datastream": station.level.pk, "phenomenonTime": "2026-05-01T10:00:00", "result": 5},
        {"datastream": "seven", "phenomenonTime": iso(t), "result": 5},
        {"datastream": station.counter.pk, "phenomenonTime": iso(t), "result": 1.5},
        {"datastream": station.lamp.pk, "phenomenonTime": iso(t), "result": 2},
        "not an object",
        {"datastream": station.level.pk, "phenomenonTime": iso(t), "result": -1},
    ]
    response = post({"observations": observations}, station.token)
    assert response.status_code == 207
    summary = response.json()
    assert (summary["received"], summary["accepted"], summary["rejected"]) == (11, 1, 10)
    assert len(summary["errors"]) == 11
    assert _fields(response) == [
        "observations[1].result",
        "observations[2].result",
        "observations[3].phenomenonTime",
        "observations[4].phenomenonTime",
        "observations[5].phenomenonTime",
        "observations[6].datastream",
        "observations[7].result",  # above the maximum of 1
        "observations[7].result",  # and not a whole number
        "observations[8].result",
        "observations[9]",
        "observations[10].result",
    ]
    messages = [error["message"] for error in summary["errors"]]
    assert "maximum" in messages[0]
    assert "future" in messages[2]
    assert "time zone" in messages[4]
    assert RawObservation.objects.filter(datastream__thing=station.thing).count() == 1


def test_batch_with_only_invalid_readings_is_422_and_stores_nothing(station, post):
    response = post(
        {"observations": [{"datastream": station.level.pk, "result": 1}]}, station.token
    )
    assert response.status_code == 422
    assert _fields(response) == ["observations[0].phenomenonTime"]
    assert not RawObservation.objects.filter(datastream__thing=station.thing).exists()


def test_data_array_errors_name_group_row_and_component(station, post):
    t = recent()
    response = post(
        [
            {
                "Datastream": {"@iot.id": station.level.pk},
                "components": ["phenomenonTime", "result"],
                "dataArray": [[iso(t), 1], [iso(t), None], [iso(t)]],
            }
        ],
        station.token,
    )
    assert response.status_code == 207
    assert _fields(response) == ["[0].dataArray[1].result", "[0].dataArray[2]"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"readings": []}, "observations"),
        ({"observations": []}, "observations"),
        (42, ""),
        (
            [{"Datastream": {"@iot.id": 1}, "components": ["result"], "dataArray": []}],
            "[0].components",
        ),
        (
            [
                {
                    "Datastream": {"@iot.id": 1},
                    "components": ["phenomenonTime", "result", "x"],
                    "dataArray": [],
                }
            ],
            "[0].components[2]",
        ),
        (
            [{"Datastream": {"@iot.id": 1}, "components": ["phenomenonTime", "result"]}],
            "[0].dataArray",
        ),
    ],
)
def test_wrong_body_shapes_are_400_naming_the_field(station, post, body, field):
    response = post(body, station.token)
    assert response.status_code == 400
    assert _fields(response) == [field]


def test_malformed_json_is_400(station, post):
    response = post(None, station.token, raw=b'{"observations": [')
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]


def test_oversized_batch_is_413(station, post, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_BATCH", 3)
    t = recent()
    rows = [[iso(t - timedelta(minutes=i)), i] for i in range(4)]
    body = [
        {
            "Datastream": {"@iot.id": station.level.pk},
            "components": ["phenomenonTime", "result"],
            "dataArray": rows,
        }
    ]
    response = post(body, station.token)
    assert response.status_code == 413
    assert not RawObservation.objects.filter(datastream__thing=station.thing).exists()


def test_readings_older_than_retention_are_refused(station, post, settings):
    settings.SENSOR_RAW_RETENTION_DAYS = 2
    response = post(
        {
            "observations": [
                {
                    "datastream": station.level.pk,
                    "phenomenonTime": iso(recent(60 * 24 * 3)),
                    "result": 1,
                }
            ]
        },
        station.token,
    )
    assert response.status_code == 422
    assert "retention" in response.json()["errors"][0]["message"]


def test_duplicates_are_counted_not_errors(station, post):
    t = recent()
    body = {
        "observations": [
            {"datastream": station.level.pk, "phenomenonTime": iso(t), "result": 1},
            {"datastream": station.level.pk, "phenomenonTime": iso(t), "result": 1},  # in batch
            {
                "datastream": station.counter.pk,
                "phenomenonTime": iso(t),
                "result": 1,
                "subject": "02:00:00:00:00:01",
            },
            {
                "datastream": station.counter.pk,
                "phenomenonTime": iso(t),
                "result": 1,
                "subject": "02:00:00:00:00:02",
            },  # another device at the same time: not a dup
        ]
    }
    first = post(body, station.token).json()
    assert (first["accepted"], first["duplicates"], first["rejected"]) == (3, 1, 0)
    again = post(body, station.token)
    assert again.status_code == 200
    assert (again.json()["accepted"], again.json()["duplicates"]) == (0, 4)
    assert RawObservation.objects.filter(datastream__thing=station.thing).count() == 3


def test_new_readings_take_the_plain_copy_and_repeats_the_careful_insert(
    station, post, monkeypatch
):
    """On PostgreSQL a batch of new readings is one COPY into the table. A batch that may hold
    a stored reading (one lies within its span of times) is written with ON CONFLICT without
    trying the COPY first: a failed COPY would put the conflicting key, pseudonym included,
    into the server's log. Its new readings are stored all the same."""
    from django.db import connection

    from opendata.sensors.ingestion import write

    if connection.vendor != "postgresql":
        pytest.skip("the COPY paths are PostgreSQL's")
    plain, careful = [], []
    real_copy_direct, real_copy_incoming = write._copy_direct, write._copy_incoming

    def copy_direct(cursor, groups):
        plain.append(sum(len(rows) for rows in groups))
        return real_copy_direct(cursor, groups)

    def copy_incoming(cursor, groups):
        careful.append(sum(len(rows) for rows in groups))
        return real_copy_incoming(cursor, groups)

    monkeypatch.setattr(write, "_copy_direct", copy_direct)
    monkeypatch.setattr(write, "_copy_incoming", copy_incoming)
    t = recent()

    def reading(minutes: int) -> dict:
        moment = iso(t + timedelta(minutes=minutes))
        return {"datastream": station.level.pk, "phenomenonTime": moment, "result": minutes}

    def send(*minutes: int) -> tuple[int, int]:
        answer = post({"observations": [reading(m) for m in minutes]}, station.token).json()
        return answer["accepted"], answer["duplicates"]

    assert (send(0, 1), plain, careful) == ((2, 0), [2], [])
    assert (send(1, 2), plain, careful) == ((1, 1), [2], [2])  # a repeat: no COPY tried
    assert (send(5, 6), plain, careful) == ((2, 0), [2, 2], [2])  # after everything stored
    assert (send(3, 4), plain, careful) == ((2, 0), [2, 2, 2], [2])  # a gap, nothing within
    assert (send(4, 8), plain, careful) == ((1, 1), [2, 2, 2], [2, 2])  # stored ones within

    # A repeat stored by a racing batch between the question and the COPY: the COPY fails on
    # the unique key and the batch falls back, counting right.
    monkeypatch.setattr(write, "_stored_within_spans", lambda cursor, groups: False)
    assert (send(8, 9), plain, careful) == ((1, 1), [2, 2, 2, 2], [2, 2, 2])
    stored = RawObservation.objects.filter(datastream=station.level).order_by("phenomenon_time")
    assert [row.result for row in stored] == [0.0, 1, 2, 3, 4, 5, 6, 8, 9]


def test_a_batch_that_cannot_commit_in_time_is_refused_whole_and_can_be_sent_again(
    station, post, settings, monkeypatch
):
    """A reading must be visible before a publication's cut-off passes its received_at: a
    write that stalls past half the settle time is rolled back and answered 503."""
    import time

    from opendata.sensors.ingestion import write

    settings.SENSOR_INGEST_SETTLE_SECONDS = 2
    real_insert_many = write._insert_many

    def stalls(groups):
        inserted = real_insert_many(groups)
        time.sleep(1.1)  # the database stalls before the commit
        return inserted

    monkeypatch.setattr(write, "_insert_many", stalls)
    body = {
        "observations": [
            {"datastream": station.level.pk, "phenomenonTime": iso(recent()), "result": 7}
        ]
    }
    response = post(body, station.token)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert not RawObservation.objects.filter(datastream=station.level).exists()
    monkeypatch.undo()
    again = post(body, station.token)
    assert again.status_code == 200 and again.json()["accepted"] == 1


def test_same_time_given_with_another_offset_is_a_duplicate(station, post):
    t = recent()
    post(
        {"observations": [{"datastream": station.level.pk, "phenomenonTime": iso(t), "result": 1}]},
        station.token,
    )
    shifted = t.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Berlin")).isoformat()
    response = post(
        {
            "observations": [
                {"datastream": station.level.pk, "phenomenonTime": shifted, "result": 1}
            ]
        },
        station.token,
    )
    assert response.json()["duplicates"] == 1


def test_datastream_of_another_thing_is_refused(station, other_station, post):
    response = post(
        {
            "observations": [
                {"datastream": other_station.level.pk, "phenomenonTime": iso(recent()), "result": 1}
            ]
        },
        station.token,
    )
    assert response.status_code == 422
    assert _fields(response) == ["observations[0].datastream"]
    assert not RawObservation.objects.filter(datastream=other_station.level).exists()


def test_inactive_datastream_refuses_readings(station, post):
    station.level.is_active = False
    station.level.save()
    response = post(
        {
            "observations": [
                {"datastream": station.level.pk, "phenomenonTime": iso(recent()), "result": 1}
            ]
        },
        station.token,
    )
    assert response.status_code == 422


def _one(station) -> dict:
    return {
        "observations": [
            {"datastream": station.level.pk, "phenomenonTime": iso(recent()), "result": 1}
        ]
    }


def test_missing_token_is_401(station, post):
    response = post(_one(station))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert not RawObservation.objects.filter(datastream__thing=station.thing).exists()


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: "scd_000000000000_" + "x" * 43,
        lambda token: "garbage",
    ],
)
def test_wrong_token_is_401(station, post, mangle):
    response = post(_one(station), mangle(station.token))
    assert response.status_code == 401
    assert not RawObservation.objects.filter(datastream__thing=station.thing).exists()


def test_revoked_token_is_401(station, post):
    from opendata.sensors.models import Device

    device_revoke(device=Device.objects.get(thing=station.thing))
    response = post(_one(station), station.token)
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_portal_api_token_is_no_device_token(station, post, city_admin):
    created = api_token_create(user=city_admin, name="not a device", scopes=[])
    response = post(_one(station), created.secret)
    assert response.status_code == 401


def test_device_token_is_stored_only_as_hash(station):
    from opendata.sensors.models import Device

    device = Device.objects.get(thing=station.thing)
    assert station.token.startswith("scd_" + device.token_prefix + "_")
    assert station.token not in (device.token_hash, device.token_prefix)
    import hashlib

    assert device.token_hash == hashlib.sha256(station.token.encode()).hexdigest()


def test_last_seen_is_recorded(station, post):
    from opendata.sensors.models import Device

    post(_one(station), station.token)
    assert Device.objects.get(thing=station.thing).last_seen_at is not None


@pytest.mark.parametrize("raw", [b"NaN", b"Infinity", b"1" + b"0" * 400, b'"12"', b"null", b"[1]"])
def test_results_that_are_no_finite_number_are_refused(station, post, raw):
    t = iso(recent()).encode()
    body = b'{"observations": [{"datastream": %d, "phenomenonTime": "%s", "result": %s}]}' % (
        station.level.pk,
        t,
        raw,
    )
    response = post(None, station.token, raw=body)
    assert response.status_code == 422
    assert _fields(response) == ["observations[0].result"]


@pytest.mark.parametrize("raw", [b"1e400", b"7.5", b"true", b"null", b'"7"'])
def test_datastream_ids_must_be_integers(station, post, raw):
    body = b'{"observations": [{"datastream": %s, "phenomenonTime": "%s", "result": 1}]}' % (
        raw,
        iso(recent()).encode(),
    )
    response = post(None, station.token, raw=body)
    assert response.status_code == 422
    assert _fields(response) == ["observations[0].datastream"]


@pytest.mark.parametrize(
    "value",
    [
        "9999-12-31T23:59:59-14:00",
        "0001-01-01T00:00:00+14:00",
        "2026-05-01T10:00:00+25:00",
        "2026-05-01",
        "2026-05-01T10:00:00Z/2026-05-01T10:15:00Z",
        "",
        12345,
    ],
)
def test_odd_timestamps_are_refused_naming_the_field(station, post, value):
    body = {
        "observations": [{"datastream": station.level.pk, "phenomenonTime": value, "result": 1}]
    }
    response = post(body, station.token)
    assert response.status_code == 422
    assert _fields(response) == ["observations[0].phenomenonTime"]
