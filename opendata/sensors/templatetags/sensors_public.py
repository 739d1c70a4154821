"""The flood-warning banner (every page) and the live tiles (home page)."""

from __future__ import annotations

from django import template
from django.core.cache import cache

from opendata.sensors import alerts, selectors

register = template.Library()

TILES_CACHE_SECONDS = 60


@register.inclusion_tag("sensors/public/includes/warning_banner.html")
def sensor_warning_banner() -> dict:
    return {"warnings": alerts.warning_banner()}


@register.inclusion_tag("sensors/public/includes/tiles.html")
def sensor_tiles() -> dict:
    key = alerts.cache_key(alerts.TILES_CACHE_KEY)
    tiles = cache.get(key)
    if tiles is None:
        tiles = selectors.tiles_data()
        warned = set(
            alerts.SensorAlert.objects.filter(
                ended_at__isnull=True, kind=alerts.SensorAlert.Kind.THRESHOLD
            ).values_list("datastream_id", flat=True)
        )
        for gauge in tiles["gauges"]:
            gauge["warning"] = gauge["datastream_id"] in warned
        cache.set(key, tiles, TILES_CACHE_SECONDS)
    return {"tiles": tiles}
