from django.conf import settings
from django.http import HttpRequest


def portal(request: HttpRequest) -> dict[str, object]:
    return {
        "PORTAL_CITY_NAME": settings.PORTAL_CITY_NAME,
        "PORTAL_SITE_NAME": settings.WAGTAIL_SITE_NAME,
        "MAP_CONFIG": {
            "tileUrl": settings.MAP_TILE_URL,
            "attribution": settings.MAP_ATTRIBUTION,
            "center": settings.LEAFLET_CONFIG["DEFAULT_CENTER"],
            "zoom": settings.LEAFLET_CONFIG["DEFAULT_ZOOM"],
        },
    }
