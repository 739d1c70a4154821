"""Template helpers for the base layout, each a fixed small number of queries."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page

from portal.cms.models import AlertBanner, LegalPages

register = template.Library()

LEGAL_LINKS = ("imprint", "privacy", "accessibility", "plain_language")


@register.simple_tag(takes_context=True)
def legal_links(context: template.Context) -> dict[str, str]:
    """URLs of the footer's legal pages in the current language (else the original)."""
    request: HttpRequest = context["request"]
    legal = LegalPages.for_request(request)
    ids = {key: getattr(legal, f"{key}_id") for key in LEGAL_LINKS if getattr(legal, f"{key}_id")}
    if not ids:
        return {}
    language = translation.get_language()
    versions = (
        Page.objects.live()
        .filter(
            translation_key__in=Page.objects.filter(id__in=ids.values()).values("translation_key")
        )
        .select_related("locale")
    )
    originals = {page.id: page for page in versions if page.id in ids.values()}
    localized = {
        page.translation_key: page for page in versions if page.locale.language_code == language
    }
    links = {}
    for key, page_id in ids.items():
        original = originals.get(page_id)
        if original is not None:
            page = localized.get(original.translation_key, original)
            links[key] = page.get_url(request=request) or ""
    return links


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[dict[str, object]]:
    """One link per language that keeps the reader on the same page where it exists."""
    request: HttpRequest = context["request"]
    current = translation.get_language()
    page = context.get("page")
    translated: dict[str, Page] = {}
    if isinstance(page, Page):
        for version in page.get_translations(inclusive=True).live().select_related("locale"):
            translated[version.locale.language_code] = version
    links = []
    for code, name in settings.LANGUAGES:
        url = translated[code].get_url(request=request) if code in translated else None
        if url is None and translated:
            # No translation yet: stay on the German page, which then says so.
            original = translated.get(settings.LANGUAGE_CODE, page)
            url = f"{original.get_url(request=request)}?fallback={code}"
        if url is None:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links


@register.simple_tag(takes_context=True)
def main_menu(context: template.Context) -> list[dict[str, object]]:
    """The home page's children marked "show in menus", in the reader's language."""
    request: HttpRequest = context["request"]
    current = context.get("page")
    locale = Locale.objects.filter(language_code=translation.get_language()).first()
    if locale is None:  # a site without content in this language yet
        return []
    items = Page.objects.live().public().in_menu().filter(depth=3, locale=locale)
    return [
        {
            "title": item.title,
            "url": item.get_url(request=request),
            "current": isinstance(current, Page) and current.path.startswith(item.path),
        }
        for item in items.order_by("path")
    ]


@register.simple_tag(takes_context=True)
def alert_banner(context: template.Context) -> AlertBanner | None:
    banner = AlertBanner.for_request(context["request"])
    return banner if banner.visible else None


@register.filter
def localized_url(page: Page, request: HttpRequest) -> str:
    return page.get_url(request=request) or ""
