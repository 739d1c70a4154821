"""A stream's publication policy: which aggregation, k, noise and timing apply to it.

``grace`` and ``_cutoff`` set when a window is due and which readings a release uses; see
the package docstring for how they relate to ingestion's settle time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings

from opendata.sensors.ingestion.write import settle
from opendata.sensors.models import Datastream
from opendata.sensors.publication import aggregation as agg
from opendata.sensors.publication import noise

PUBLISHABLE = (Datastream.PrivacyClass.PUBLIC, Datastream.PrivacyClass.PERSON_DERIVED)
Aggregation = Datastream.Aggregation


class PolicyError(Exception):
    """The stream's publication policy cannot be applied (e.g. noise without a bound)."""


def grace() -> timedelta:
    """How long after its end a window is published; at least the settle time, so that a
    release's cut-off (``_cutoff``) never precedes the end of its window."""
    configured = timedelta(seconds=int(settings.SENSOR_PUBLICATION_GRACE_SECONDS))
    return max(configured, settle())


def _cutoff(now: datetime) -> datetime:
    """A job's cut-off (its releases' ``created_at``): its clock less the time in which a
    reading received earlier has been committed (``ingestion.write.settle``), so that the
    readings received by the cut-off are exactly those the job sees. This holds while the
    clocks of web servers and workers agree (NTP) to well under the other half of the settle
    time and a COMMIT takes less than that too."""
    return now - settle()


def h3_resolution() -> int:
    return int(settings.SENSOR_PUBLICATION_H3_RESOLUTION)


def publishable(datastream: Datastream) -> bool:
    return datastream.privacy_class in PUBLISHABLE


@dataclass(frozen=True)
class Policy:
    aggregation: str
    person_derived: bool
    k: int
    epsilon_cap: float | None
    windows_per_day: int
    daily_total: bool
    subject_bound: float | None

    @property
    def noisy(self) -> bool:
        return self.epsilon_cap is not None

    @property
    def releases_per_day(self) -> int:
        return self.windows_per_day + (1 if self.daily_total else 0)

    @property
    def share_nano(self) -> int:
        return noise.share_nano(self.epsilon_cap or 0, self.releases_per_day)


def policy_for(datastream: Datastream) -> Policy:
    aggregation = agg.aggregation_for(datastream)
    person_derived = datastream.privacy_class == Datastream.PrivacyClass.PERSON_DERIVED
    noisy = datastream.noise_epsilon_per_day is not None
    if noisy and aggregation not in agg.ADDITIVE:
        raise PolicyError("noise is supported for sum and distinct_subjects aggregations only")
    bound = None
    if noisy and aggregation == Aggregation.SUM:
        if datastream.valid_max is not None:
            bound = float(datastream.valid_max)
        elif datastream.observation_type != Datastream.ObservationType.COUNT:
            raise PolicyError("a noisy sum of measurements needs valid_max as its bound")
    return Policy(
        aggregation=aggregation,
        person_derived=person_derived,
        k=datastream.k_minimum if person_derived else 0,
        epsilon_cap=datastream.noise_epsilon_per_day,
        windows_per_day=24 * 60 // datastream.window_minutes,
        daily_total=person_derived and aggregation in agg.ADDITIVE,
        subject_bound=bound,
    )


def _value_counts_people(policy: Policy, aggregate: agg.WindowAggregate) -> bool:
    return policy.aggregation == Aggregation.DISTINCT_SUBJECTS or (
        policy.aggregation == Aggregation.SUM and not aggregate.distinct_subjects
    )


def _noisy(policy: Policy, aggregate: agg.WindowAggregate, *, epsilon: float, windows: int = 1):
    """Noise for a value made of `windows` windows (a subject may be in each of them)."""
    if policy.aggregation == Aggregation.DISTINCT_SUBJECTS:
        return noise.noisy_count(aggregate.distinct_subjects, epsilon=epsilon, sensitivity=windows)
    if aggregate.distinct_subjects and policy.subject_bound is not None:
        return noise.noisy_sum(
            aggregate.clipped_subject_total or 0.0,
            epsilon=epsilon,
            sensitivity=policy.subject_bound * windows,
        )
    if aggregate.distinct_subjects:
        raise PolicyError("a noisy sum over subjects needs valid_max as each subject's bound")
    # A counter without identifiers: one person is counted once per window.
    return noise.noisy_count(round(aggregate.total), epsilon=epsilon, sensitivity=windows)


def _noise_parameters(policy: Policy, noisy: noise.NoisyValue | None) -> dict | None:
    if not policy.noisy:
        return None
    parameters = {
        "epsilon": noise.from_nano(policy.share_nano),
        "epsilon_per_day": policy.epsilon_cap,
        "library": "opendp",
    }
    if noisy is not None:
        parameters |= {
            "mechanism": noisy.mechanism,
            "scale": noisy.scale,
            "sensitivity": noisy.sensitivity,
        }
    return parameters


def _needs_subjects(policy: Policy) -> bool:
    """Whether the policy reads a window's distinct pseudonyms (k, noise, the value)."""
    return (
        policy.person_derived or policy.noisy or policy.aggregation == Aggregation.DISTINCT_SUBJECTS
    )


def _round(value: float) -> float:
    return round(value, 6)
