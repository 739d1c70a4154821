"""Publication: closed windows of raw readings become releases of published cells.

For each closed window (``window_minutes`` long, aligned to UTC, closed once its end plus
``SENSOR_PUBLICATION_GRACE_SECONDS`` has passed) of a public or person-derived stream:

- aggregate over time (``aggregation.aggregation_for``) and over space: person-derived
  streams are published on the H3 cell (resolution ``SENSOR_PUBLICATION_H3_RESOLUTION``)
  around their thing's location, cell ``h3:<index>`` with the hexagon as feature of interest;
  public streams on their own feature of interest, cell "";
- person-derived cells counting fewer than k people are suppressed (``suppression``);
- with ``noise_epsilon_per_day`` set, OpenDP noise is added (``noise``) and one equal share of
  the daily cap is charged to the ledger; a release that would exceed the cap is refused;
- person-derived streams with an additive aggregation also get a daily total (cell
  ``day:<cell>``), published only under the complementary rule of ``suppression``.

A release, its cells and its ledger entry are written in one transaction after locking the
datastream row (a sweep writes a stream's due windows in chunks of ``WRITE_CHUNK`` per
transaction, with bulk inserts); the unique constraint on (datastream, window start, window
end) makes a concurrent second job return the stored release. A sweep reads a stream's rows
once for every window's count and plain aggregates (``aggregation.window_summaries``) and
computes a daily total from the aggregates of the windows it released in the same run.
Re-running returns the stored release as it is (no fresh noise). Readings received after a
release's ``created_at`` (its cut-off) are late: never published, counted into
``late_readings``. The cut-off lags the job's clock by ``ingestion.write.settle()`` (30 s), and
ingestion rolls back a batch still uncommitted half of that after stamping it received, so
a release uses exactly the readings received by its ``created_at``; recomputing it later (as
a daily total does) finds the same readings (with clocks in sync, see ``_cutoff``).

Modules: ``policy`` (what applies to a stream, timing), ``placement`` (where a release is
published), ``provenance`` (method, parameters, code version, digest), ``write`` (storing
releases), ``window`` (one window), ``daily`` (daily totals), ``sweep`` (everything
due; see there for how far back it looks), ``announce`` (new releases on SensorThings'
MQTT topics), and the building blocks ``aggregation``, ``suppression`` and ``noise``.
This package exposes the entry points other modules use.
"""

from opendata.sensors.publication.daily import DAILY_TOTAL_CELL_PREFIX, publish_daily_total
from opendata.sensors.publication.placement import h3_feature, placement_for, point_feature_key
from opendata.sensors.publication.policy import Policy, PolicyError, grace, policy_for
from opendata.sensors.publication.provenance import code_version, release_digest
from opendata.sensors.publication.sweep import (
    publish_due,
    publishable_datastream_ids,
    sweep_horizon,
)
from opendata.sensors.publication.window import publish_window
from opendata.sensors.publication.write import REFUSED_BUDGET, release_listener_register

__all__ = [
    "DAILY_TOTAL_CELL_PREFIX",
    "REFUSED_BUDGET",
    "Policy",
    "PolicyError",
    "code_version",
    "grace",
    "h3_feature",
    "placement_for",
    "point_feature_key",
    "policy_for",
    "publish_daily_total",
    "publish_due",
    "publish_window",
    "publishable_datastream_ids",
    "release_digest",
    "release_listener_register",
    "sweep_horizon",
]
