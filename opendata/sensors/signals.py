"""Signals of the sensor app, so that publication does not import its listeners."""

from __future__ import annotations

from django.dispatch import Signal

# Sent by the publication job after a new release is stored (inside its transaction; a
# listener that talks to the outside world should act on commit). Arguments: ``release``.
# Not sent when a re-run returns a stored release. Receivers must not enqueue work: the
# publication service enqueues its own side jobs (the STA MQTT announcement) on commit.
release_published = Signal()
