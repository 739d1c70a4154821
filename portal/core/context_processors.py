from django.conf import settings
from django.http import HttpRequest


def portal(request: HttpRequest) -> dict[str, object]:
    return {
        "PORTAL_CITY_NAME": settings.PORTAL_CITY_NAME,
        "PORTAL_SITE_NAME": settings.WAGTAIL_SITE_NAME,
    }
