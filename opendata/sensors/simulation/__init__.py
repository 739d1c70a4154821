"""Simulated readings with realistic daily patterns, for the demo city and its back-fill.

A stream's pattern is chosen by its observed property's definition (the demo's definitions,
see ``demo.PROPERTIES``), with a fallback by observation type and valid range, so that any
datastream gets plausible values. Every value is a pure function of (seed, datastream, time):
the same seed gives the same readings, whether produced live or back-filled, in any order.

Patterns (local time, Europe/Berlin): car parks fill towards midday and on Saturdays; bins
fill between collections every two to four days and sometimes pass their warning level;
pedestrians and bicycles peak at the commutes (bicycles more sharply) and at lunch; WiFi
counters see one reading per device with fake, locally administered MAC addresses, some
devices recurring (residents, staff) and most passing once; NO2 peaks in the rush hours,
particulate matter in the evening; water levels move in slow waves (the harbour with a
tide) and on ``flood_percent`` of days rise above their warning level; lamps are lit from
dusk to dawn (dimmed after 23:00) and report the energy used; charging points are occupied
in sessions; network pressure dips at the morning and evening demand peaks; smart meters
(energy streams with person-derived privacy) report per flat, with the meter id as subject.

Modules: ``patterns`` (the simulator), ``backfill`` (the demo back-fill), ``live`` (the
devices and bodies ``manage.py simulate_sensors`` sends).
"""

from opendata.sensors.simulation.backfill import BACKFILL_STEP, BackfillReport, readings_backfill
from opendata.sensors.simulation.live import (
    SimulatedDevice,
    demo_devices_with_new_tokens,
    tick_bodies,
)
from opendata.sensors.simulation.patterns import (
    METERED_FLATS,
    WIFI_REGULARS,
    SimReading,
    Simulator,
    sun_is_down,
)

__all__ = [
    "BACKFILL_STEP",
    "METERED_FLATS",
    "WIFI_REGULARS",
    "BackfillReport",
    "SimReading",
    "SimulatedDevice",
    "Simulator",
    "demo_devices_with_new_tokens",
    "readings_backfill",
    "sun_is_down",
    "tick_bodies",
]
