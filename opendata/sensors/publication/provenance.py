"""What a release records about how it was made: the method and its parameters, the code
version, and the digest of its published cells."""

from __future__ import annotations

import functools
import hashlib
import importlib
import json
import os
import subprocess
import tomllib
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from django.conf import settings

from opendata.sensors.models import Datastream, Release
from opendata.sensors.publication.policy import Policy, _noise_parameters, grace, h3_resolution

LATE_RULE = (
    "readings received after the release's created_at are late: not published, "
    "counted in late_readings"
)
# The modules that define the method: their source is hashed into the code version.
SOURCE_MODULES = (
    "aggregation",
    "daily",
    "noise",
    "placement",
    "policy",
    "provenance",
    "suppression",
    "sweep",
    "window",
    "write",
)


def _source_hash() -> str:
    digest = hashlib.sha256()
    for name in SOURCE_MODULES:
        module = importlib.import_module(f"opendata.sensors.publication.{name}")
        # Modules imported from source files always have a __file__.
        digest.update(Path(cast(str, module.__file__)).read_bytes())
    return digest.hexdigest()[:12]


def _git_describe() -> str:
    try:
        done = subprocess.run(
            ["git", "describe", "--always", "--tags", "--dirty"],  # noqa: S607
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=3,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip()


def _package_version() -> str:
    try:
        with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as handle:
            return str(tomllib.load(handle)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


@functools.cache
def code_version() -> str:
    """``<release>+src.<hash>``: the deployment's version (``SENSOR_CODE_VERSION``, else
    ``git describe``, else the package version) and a hash of the publication modules'
    source, which identifies the method exactly in a clone, a wheel or a container."""
    base = (
        settings.SENSOR_CODE_VERSION
        or os.environ.get("SENSOR_CODE_VERSION", "")
        or _git_describe()
        or _package_version()
    )
    return f"{base[:40]}+src.{_source_hash()}"


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def digest_of(datastream_id: int, start: datetime, end: datetime, cells: list[dict]) -> str:
    """SHA-256 of the canonical JSON of a release's published cells."""
    payload = {
        "datastream": datastream_id,
        "window_start": _iso(start),
        "window_end": _iso(end),
        "cells": sorted(cells, key=lambda cell: cell["cell"]),
    }
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def _canonical_cell(cell: str, result, suppressed: bool, feature_id) -> dict:
    return {
        "cell": cell,
        "result": result,
        "suppressed": suppressed,
        "feature_of_interest": feature_id,
    }


def release_digest(release: Release) -> str:
    """The digest recomputed from the stored rows (equal to ``release.digest`` unless altered)."""
    cells = [
        _canonical_cell(row.cell, row.result, row.suppressed, row.feature_of_interest_id)
        for row in release.observations.all()
    ]
    return digest_of(release.datastream_id, release.window_start, release.window_end, cells)


def _method(policy: Policy, datastream: Datastream, *, daily: bool) -> str:
    parts = [
        f"daily total of {policy.aggregation} per {datastream.window_minutes}-minute window"
        if daily
        else f"{policy.aggregation} over a {datastream.window_minutes}-minute window"
    ]
    if policy.person_derived:
        parts.append(f"H3 cell, k-anonymity (k={policy.k})")
    if daily:
        parts.append("complementary suppression")
    if policy.noisy:
        parts.append("Laplace noise (OpenDP)")
    return "; ".join(parts)


def _parameters(policy: Policy, datastream: Datastream, noisy, *, daily: bool) -> dict:
    parameters = {
        "aggregation": policy.aggregation,
        "window_minutes": datastream.window_minutes,
        "k": policy.k if policy.person_derived else None,
        "spatial_unit": f"h3 resolution {h3_resolution()}" if policy.person_derived else "point",
        "grace_seconds": int(grace().total_seconds()),
        "noise": _noise_parameters(policy, noisy),
        "late_readings": LATE_RULE,
    }
    if daily:
        parameters["total"] = "sum of the day's window values"
    if policy.subject_bound is not None:
        parameters["subject_bound"] = policy.subject_bound
    return parameters
