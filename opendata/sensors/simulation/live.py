"""Live feeding: the demo devices with fresh tokens and one batch body per device and tick
(sent by ``manage.py simulate_sensors``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from opendata.sensors.models import Datastream, Device
from opendata.sensors.simulation.patterns import Simulator
from opendata.sensors.tokens import device_token_replace


@dataclass
class SimulatedDevice:
    device: Device
    token: str
    streams: list[Datastream]


def demo_devices_with_new_tokens(thing_names: Iterable[str]) -> list[SimulatedDevice]:
    """The demo things' devices with freshly replaced tokens (only hashes are stored, so
    the simulator cannot learn the old ones): the old tokens stop working."""
    devices = []
    for device in Device.objects.filter(thing__name__in=list(thing_names)).order_by("pk"):
        streams = list(
            Datastream.objects.filter(thing_id=device.thing_id, is_active=True)
            .select_related("observed_property")
            .order_by("pk")
        )
        if not streams:
            continue
        token = device_token_replace(device=device).secret
        devices.append(SimulatedDevice(device=device, token=token, streams=streams))
    return devices


def tick_bodies(
    devices: list[SimulatedDevice], *, simulator: Simulator, at: datetime, interval: timedelta
) -> list[tuple[SimulatedDevice, dict]]:
    """One batch body per device with the readings of the interval ending at `at`."""
    bodies = []
    for simulated in devices:
        observations = [
            reading.as_json()
            for stream in simulated.streams
            for reading in simulator.readings(stream, at=at, interval=interval)
        ]
        if observations:
            bodies.append((simulated, {"observations": observations}))
    return bodies
