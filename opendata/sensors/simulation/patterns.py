"""The simulator: a stream's reading at a moment as a pure function of (seed, datastream,
time); see the package docstring for the patterns."""

from __future__ import annotations

import hashlib
import math
import random
import struct
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from opendata.sensors.models import Datastream

LATITUDE, LONGITUDE = 50.955, 8.615  # Lindenhafen, for dusk and dawn
WIFI_REGULARS = 150  # devices per counter that come back day after day
METERED_FLATS = 24  # flats per smart-meter stream


@dataclass(frozen=True)
class SimReading:
    datastream_id: int
    phenomenon_time: datetime
    result: float
    subject: str | None = None

    def as_json(self) -> dict:
        body = {
            "datastream": self.datastream_id,
            "phenomenonTime": self.phenomenon_time.astimezone(UTC).isoformat(),
            "result": self.result,
        }
        if self.subject is not None:
            body["subject"] = self.subject
        return body


def _hash_unit(*parts: object) -> float:
    """A uniform number in [0, 1), fixed by its parts."""
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=8).digest()
    return struct.unpack(">Q", digest)[0] / 2**64


def _rng(*parts: object) -> random.Random:
    return random.Random(int(_hash_unit(*parts) * 2**53))  # noqa: S311 (simulation, not secrets)


def _bump(hour: float, centre: float, width: float) -> float:
    """A smooth peak of height 1 at `centre` (hours), about `width` hours wide."""
    return math.exp(-(((hour - centre) / width) ** 2))


def _poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0:
        return 0
    if mean > 30:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k


@dataclass(frozen=True)
class Moment:
    """A time with what the patterns need of it."""

    utc: datetime
    hour: float  # local hour of day, fractional
    weekday: int  # 0 = Monday
    day: date  # local date

    @classmethod
    def of(cls, moment: datetime) -> Moment:
        local = moment.astimezone(ZoneInfo(settings.TIME_ZONE))
        hour = local.hour + local.minute / 60 + local.second / 3600
        return cls(utc=moment, hour=hour, weekday=local.weekday(), day=local.date())


def sun_is_down(moment: datetime) -> bool:
    """Between dusk and dawn at Lindenhafen (NOAA's simple declination formula, civil
    twilight ignored; good to about ten minutes)."""
    utc = moment.astimezone(UTC)
    day_of_year = utc.timetuple().tm_yday
    declination = math.radians(23.44) * math.sin(2 * math.pi * (284 + day_of_year) / 365)
    cos_hour_angle = -math.tan(math.radians(LATITUDE)) * math.tan(declination)
    half_day = math.degrees(math.acos(max(-1.0, min(1.0, cos_hour_angle)))) / 15
    solar_noon = 12 - LONGITUDE / 15
    hour = utc.hour + utc.minute / 60
    return abs(hour - solar_noon) > half_day + 0.25


class Simulator:
    """Readings of datastreams at given times; see the module docstring."""

    def __init__(self, *, seed: int = 0, flood_percent: float | None = None) -> None:
        self.seed = seed
        if flood_percent is None:
            flood_percent = settings.SENSOR_SIMULATION_FLOOD_PERCENT
        self.flood_share = max(0.0, min(float(flood_percent), 100.0)) / 100

    # -- entry point ---------------------------------------------------------------------
    def readings(
        self, stream: Datastream, *, at: datetime, interval: timedelta
    ) -> list[SimReading]:
        """What the stream's sensor reports at `at` about the interval that ends there."""
        pattern = self.pattern_for(stream)
        values = pattern(stream, Moment.of(at), interval)
        return [
            SimReading(stream.pk, when, self._valid(stream, result), subject)
            for when, result, subject in values
        ]

    def pattern_for(self, stream: Datastream) -> Callable:
        definition = stream.observed_property.definition.rstrip("/")
        for suffix, pattern in self._patterns():
            if definition.endswith(suffix):
                return pattern
        unit = (stream.unit_symbol or stream.unit_name).lower()
        person = stream.privacy_class == Datastream.PrivacyClass.PERSON_DERIVED
        if person and ("wh" in unit or "meter" in definition or "heat" in definition):
            return self._meters
        if stream.observation_type == Datastream.ObservationType.TRUTH:
            return self._truth_daytime
        if stream.observation_type == Datastream.ObservationType.COUNT:
            return self._count_daytime
        return self._measure_daily

    def _patterns(self) -> list[tuple[str, Callable]]:
        return [
            ("free-parking-spaces", self._free_spaces),
            ("occupied-parking-spaces", self._occupied_spaces),
            ("fill-level", self._fill_level),
            ("pedestrian-count", self._pedestrians),
            ("bicycle-count", self._bicycles),
            ("wifi-device-presence", self._wifi),
            ("pollutant/6001", self._pm25),
            ("pollutant/5", self._pm10),
            ("pollutant/8", self._no2),
            ("water-level", self._water_level),
            ("lamp-status", self._lamp_on),
            ("lamp-energy", self._lamp_energy),
            ("charging-point-occupied", self._charging),
            ("water-pressure", self._pressure),
        ]

    # -- helpers -------------------------------------------------------------------------
    def _valid(self, stream: Datastream, value: float) -> float:
        if stream.valid_min is not None:
            value = max(value, stream.valid_min)
        if stream.valid_max is not None:
            value = min(value, stream.valid_max)
        if stream.observation_type != Datastream.ObservationType.MEASUREMENT:
            return float(round(value))
        return round(value, 2)

    def _unit(self, stream: Datastream, *parts: object) -> float:
        return _hash_unit(self.seed, stream.pk, *parts)

    def _noise(self, stream: Datastream, moment: Moment, scale: float) -> float:
        return _rng(self.seed, stream.pk, moment.utc.timestamp()).gauss(0, scale)

    def _capacity(self, stream: Datastream, default: float) -> float:
        return stream.valid_max if stream.valid_max else default

    @staticmethod
    def _one(moment: Moment, value: float) -> list[tuple[datetime, float, None]]:
        return [(moment.utc, value, None)]

    # -- parking -------------------------------------------------------------------------
    def _occupancy(self, moment: Moment, *, on_street: bool) -> float:
        hour = moment.hour
        if moment.weekday == 6:
            busy = 0.25 + 0.3 * _bump(hour, 15, 3)
        elif moment.weekday == 5:
            busy = 0.2 + 0.75 * _bump(hour, 13.5, 3.5)
        else:
            busy = 0.15 + 0.6 * _bump(hour, 11, 3) + 0.35 * _bump(hour, 16.5, 2)
        if on_street:  # residents park at night
            busy = max(busy, 0.55 if hour < 7 or hour > 20 else 0.0)
        return min(busy, 0.99)

    def _free_spaces(self, stream, moment, interval):
        capacity = self._capacity(stream, 400)
        occupied = self._occupancy(moment, on_street=False) + self._noise(stream, moment, 0.02)
        return self._one(moment, capacity * (1 - min(max(occupied, 0), 1)))

    def _occupied_spaces(self, stream, moment, interval):
        capacity = self._capacity(stream, 45)
        occupied = self._occupancy(moment, on_street=True) + self._noise(stream, moment, 0.04)
        return self._one(moment, capacity * min(max(occupied, 0), 1))

    # -- waste ---------------------------------------------------------------------------
    def _fill_level(self, stream, moment, interval):
        """Emptied at 06:00 every `period` days; filled faster in the daytime."""
        period = 2 + int(self._unit(stream, "period") * 3)  # 2..4 days
        phase = int(self._unit(stream, "phase") * period)
        shifted = moment.utc.astimezone(ZoneInfo(settings.TIME_ZONE)) - timedelta(hours=6)
        ordinal = shifted.date().toordinal() + phase
        cycle, day_in_cycle = divmod(ordinal, period)
        hours = day_in_cycle * 24 + shifted.hour + shifted.minute / 60
        # this cycle's waste: 70..115 % of the container by the next collection
        volume = 70 + 45 * self._unit(stream, "cycle", cycle)
        level = volume * hours / (period * 24) + self._noise(stream, moment, 1.0)
        return self._one(moment, min(max(level, 0), 100))

    # -- people and bicycles -------------------------------------------------------------
    def _scale(self, stream: Datastream) -> float:
        return 0.6 + 0.8 * self._unit(stream, "scale")

    def _pedestrian_rate(self, moment: Moment) -> float:
        """People per hour passing a counter in the centre."""
        hour = moment.hour
        if moment.weekday == 6:
            return 25 + 260 * _bump(hour, 15, 3)
        if moment.weekday == 5:
            return 20 + 780 * _bump(hour, 13.5, 3.5)
        return (
            15
            + 260 * _bump(hour, 8, 1.2)
            + 420 * _bump(hour, 12.75, 1.5)
            + 480 * _bump(hour, 17.25, 1.8)
        )

    def _bicycle_rate(self, moment: Moment) -> float:
        hour = moment.hour
        if moment.weekday >= 5:
            return 5 + 140 * _bump(hour, 14, 3)
        return 4 + 310 * _bump(hour, 7.75, 0.9) + 260 * _bump(hour, 17.25, 1.2)

    def _count(self, stream, moment, interval, rate: float):
        mean = rate * self._scale(stream) * interval.total_seconds() / 3600
        rng = _rng(self.seed, stream.pk, moment.utc.timestamp(), "count")
        return self._one(moment, _poisson(rng, mean))

    def _pedestrians(self, stream, moment, interval):
        return self._count(stream, moment, interval, self._pedestrian_rate(moment))

    def _bicycles(self, stream, moment, interval):
        return self._count(stream, moment, interval, self._bicycle_rate(moment))

    # -- WiFi device counters ------------------------------------------------------------
    def fake_mac(self, stream: Datastream, key: object) -> str:
        """A locally administered unicast MAC address (as phones use when they randomise)."""
        octets = bytearray(
            hashlib.blake2b(repr((self.seed, stream.pk, key)).encode(), digest_size=6).digest()
        )
        octets[0] = (octets[0] & 0xFC) | 0x02
        return ":".join(f"{octet:02X}" for octet in octets)

    def _wifi(self, stream, moment, interval):
        seconds = max(int(interval.total_seconds()), 1)
        rate = self._pedestrian_rate(moment) * 0.3  # about one in three passers-by is heard
        rng = _rng(self.seed, stream.pk, moment.utc.timestamp(), "wifi")
        seen = _poisson(rng, rate * self._scale(stream) * seconds / 3600)
        devices: dict[str, datetime] = {}
        for index in range(seen):
            if rng.random() < 0.35:
                key: object = ("regular", rng.randrange(WIFI_REGULARS))
            else:
                key = ("passer-by", moment.utc.timestamp(), index)
            offset = timedelta(seconds=rng.randrange(seconds))
            devices.setdefault(self.fake_mac(stream, key), moment.utc - offset)
        return [(when, 1, mac) for mac, when in devices.items()]

    # -- air quality ---------------------------------------------------------------------
    def _weather(self, stream, moment: Moment) -> float:
        """A multi-day factor (0.6..1.4): calm, stale air raises every pollutant."""
        days = moment.utc.timestamp() / 86400
        return 1 + 0.4 * math.sin(2 * math.pi * days / 3.7 + 6 * self._unit(stream, "air"))

    def _no2(self, stream, moment, interval):
        hour = moment.hour
        traffic = 0.5 if moment.weekday >= 5 else 1.0
        level = 14 + traffic * (34 * _bump(hour, 8, 1.5) + 30 * _bump(hour, 17.5, 2))
        level *= self._weather(stream, moment)
        return self._one(moment, level + self._noise(stream, moment, 2.5))

    def _pm25(self, stream, moment, interval):
        hour = moment.hour
        level = 7 + 6 * _bump(hour, 20.5, 3) + 3 * _bump(hour, 8, 2)
        level *= self._weather(stream, moment)
        return self._one(moment, level + self._noise(stream, moment, 1.0))

    def _pm10(self, stream, moment, interval):
        hour = moment.hour
        level = 13 + 8 * _bump(hour, 20.5, 3) + 7 * _bump(hour, 8.5, 2)
        level *= self._weather(stream, moment)
        return self._one(moment, level + self._noise(stream, moment, 1.8))

    # -- water ---------------------------------------------------------------------------
    def _flood_hump(self, stream: Datastream, moment: Moment, warning: float) -> float:
        """Flood events: on a share of days a rise peaking above the warning level."""
        rise = 0.0
        for back in (-1, 0, 1):
            day = moment.day + timedelta(days=back)
            if self._unit(stream, "flood", day.isoformat()) >= self.flood_share:
                continue
            peak_hour = 24 * self._unit(stream, "flood-hour", day.isoformat()) - 24 * back
            height = 0.5 + 0.2 * self._unit(stream, "flood-height", day.isoformat())
            rise += height * warning * _bump(moment.hour, peak_hour, 4)
        return rise

    def _water_level(self, stream, moment, interval):
        warning = stream.warning_threshold or self._capacity(stream, 300) * 0.6
        days = moment.utc.timestamp() / 86400
        level = warning * (0.55 + 0.1 * math.sin(2 * math.pi * days / 2.7))
        if self._unit(stream, "tidal") < 0.5:  # harbour basins follow the tide
            level += 0.08 * warning * math.sin(2 * math.pi * days * 24 / 12.42)
        level += self._flood_hump(stream, moment, warning)
        return self._one(moment, level + self._noise(stream, moment, 0.6))

    def _pressure(self, stream, moment, interval):
        hour = moment.hour
        level = 4.6 - 0.35 * _bump(hour, 7, 1.2) - 0.3 * _bump(hour, 19, 1.5)
        return self._one(moment, level + self._noise(stream, moment, 0.03))

    # -- street lights and chargers ------------------------------------------------------
    def _lit(self, stream: Datastream, when: datetime) -> bool:
        failed = self._unit(stream, "fault", when.date().isoformat()) < 0.01
        return sun_is_down(when) and not failed

    def _lamp_on(self, stream, moment, interval):
        return self._one(moment, 1 if self._lit(stream, moment.utc) else 0)

    def _lamp_energy(self, stream, moment, interval):
        """Watt hours over the interval: 38 W lit, half after 23:00 until 05:00."""
        samples = 6
        step = interval / samples
        energy = 0.0
        for index in range(samples):
            when = moment.utc - step * index
            if self._lit(stream, when):
                hour = Moment.of(when).hour
                watts = 19 if hour >= 23 or hour < 5 else 38
                energy += watts * step.total_seconds() / 3600
        return self._one(moment, energy)

    def _charging(self, stream, moment, interval):
        """Occupied in sessions of about two hours; most likely late morning and evening."""
        slot = int(moment.utc.timestamp() // 7200)
        hour = moment.hour
        likely = 0.1 + 0.45 * _bump(hour, 11, 3) + 0.45 * _bump(hour, 19, 2.5)
        return self._one(moment, 1 if self._unit(stream, "session", slot) < likely else 0)

    # -- smart meters --------------------------------------------------------------------
    def _meters(self, stream, moment, interval):
        """Per flat, kilowatt (or watt) hours over the interval, the meter id as subject."""
        hours = interval.total_seconds() / 3600
        season = 1 + 0.8 * math.cos(2 * math.pi * (moment.utc.timetuple().tm_yday - 15) / 365)
        hour = moment.hour
        daily = 0.4 + 0.8 * _bump(hour, 7, 1.5) + 1.0 * _bump(hour, 19.5, 2.5)
        per_watt = 1000 if "kwh" not in (stream.unit_symbol or "").lower() else 1
        readings = []
        for flat in range(METERED_FLATS):
            size = 0.6 + 0.8 * self._unit(stream, "flat", flat)
            kwh = 0.35 * size * season * daily * hours
            rng = _rng(self.seed, stream.pk, moment.utc.timestamp(), flat)
            value = max(kwh * rng.uniform(0.8, 1.2), 0) * per_watt
            meter = f"LH-{stream.pk:03d}-{flat + 1:04d}"
            readings.append((moment.utc, round(value, 3), meter))
        return readings

    # -- fallbacks -----------------------------------------------------------------------
    def _truth_daytime(self, stream, moment, interval):
        likely = 0.15 + 0.7 * _bump(moment.hour, 13, 4)
        slot = int(moment.utc.timestamp() // 3600)
        return self._one(moment, 1 if self._unit(stream, "truth", slot) < likely else 0)

    def _count_daytime(self, stream, moment, interval):
        top = self._capacity(stream, 1000)
        rate = top * 0.02 * (0.1 + _bump(moment.hour, 13, 4))
        return self._count(stream, moment, interval, rate)

    def _measure_daily(self, stream, moment, interval):
        low = stream.valid_min if stream.valid_min is not None else 0.0
        high = stream.valid_max if stream.valid_max is not None else low + 100
        span = high - low
        centre = low + span * 0.4
        level = centre + 0.15 * span * math.sin(2 * math.pi * (moment.hour - 9) / 24)
        return self._one(moment, level + self._noise(stream, moment, span * 0.01))
