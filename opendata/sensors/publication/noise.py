"""Calibrated noise from OpenDP, and epsilon kept in whole nano-epsilons.

Counts (distinct subjects, people counted) get discrete Laplace noise on the integers; sums
(e.g. smart-meter energy over households) get continuous Laplace noise after each subject's
contribution was clipped. ``scale = sensitivity / epsilon``; OpenDP's privacy map confirms
that the measurement spends no more than the epsilon charged to the ledger.

Epsilon is compared in integer nano-epsilons, so that summing many shares of a daily cap
never exceeds it by a rounding error.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import opendp.prelude as dp

dp.enable_features("contrib")

NANO = 10**9
DISCRETE_LAPLACE = "discrete Laplace (OpenDP make_laplace over integers)"
LAPLACE = "Laplace (OpenDP make_laplace over floats)"


def to_nano(epsilon: float) -> int:
    return round(epsilon * NANO)


def from_nano(nano: int) -> float:
    return nano / NANO


def share_nano(cap: float, releases_per_day: int) -> int:
    """One release's equal share of a daily cap, rounded down."""
    return to_nano(cap) // releases_per_day


@dataclass(frozen=True)
class NoisyValue:
    value: float
    mechanism: str
    scale: float
    sensitivity: float
    epsilon: float


@functools.lru_cache(maxsize=256)
def _calibrated(kind: type, *, sensitivity, epsilon: float):
    """A Laplace measurement over `kind` (int or float) whose privacy map at `sensitivity`
    is within `epsilon` (cached: building one costs milliseconds, drawing from it does not)."""
    if kind is int:
        domain, metric = dp.atom_domain(T=int), dp.absolute_distance(T=int)
    else:
        domain, metric = dp.atom_domain(T=float, nan=False), dp.absolute_distance(T=float)
    scale = float(sensitivity) / epsilon
    for _attempt in range(20):
        measurement = dp.m.make_laplace(domain, metric, scale=scale)
        if math.ceil(measurement.map(d_in=sensitivity) * NANO) <= to_nano(epsilon):
            return measurement, scale
        scale *= 1 + 1e-9
    raise ArithmeticError("could not calibrate the noise scale")


def noisy_count(true_count: int, *, epsilon: float, sensitivity: int = 1) -> NoisyValue:
    """A count plus discrete Laplace noise, clamped at zero (post-processing)."""
    measurement, scale = _calibrated(int, sensitivity=sensitivity, epsilon=epsilon)
    value = max(0, measurement(int(true_count)))
    return NoisyValue(float(value), DISCRETE_LAPLACE, scale, float(sensitivity), epsilon)


def noisy_sum(true_sum: float, *, epsilon: float, sensitivity: float) -> NoisyValue:
    """A sum plus Laplace noise, clamped at zero and rounded to 3 decimals (post-processing)."""
    measurement, scale = _calibrated(float, sensitivity=float(sensitivity), epsilon=epsilon)
    value = round(max(0.0, measurement(float(true_sum))), 3)
    return NoisyValue(value, LAPLACE, scale, float(sensitivity), epsilon)
