"""Production logs are one JSON object per line."""

from __future__ import annotations

import io
import json
import logging
import logging.config

from django.conf import settings


def test_json_log_lines(monkeypatch):
    config = json.loads(json.dumps(settings.LOGGING))  # a copy
    config["handlers"]["console"]["formatter"] = "json"
    stream = io.StringIO()
    logging.config.dictConfig(config)
    handler = logging.getLogger().handlers[0]
    monkeypatch.setattr(handler, "stream", stream)
    logging.getLogger("portal.test").warning("broker down", extra={"component": "broker"})
    line = json.loads(stream.getvalue().strip().splitlines()[-1])
    assert line["level"] == "WARNING"
    assert line["logger"] == "portal.test"
    assert line["message"] == "broker down"
    assert line["component"] == "broker"
    assert "time" in line
    logging.config.dictConfig(settings.LOGGING)
