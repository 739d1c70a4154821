"""Template helpers for the base layout."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page

register = template.Library()


@register.simple_tag(takes_context=True)
def localized_page_url(context: template.Context, page: Page | None) -> str:
    """URL of the page in the current language, falling back to the original."""
    if page is None:
        return ""
    return page.localized.get_url(request=context.get("request")) or ""


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[dict[str, object]]:
    """One link per language that keeps the reader on the same page where it exists."""
    request: HttpRequest = context["request"]
    current = translation.get_language()
    page = context.get("page")
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    links = []
    for code, name in settings.LANGUAGES:
        url = None
        if isinstance(page, Page) and code in locales:
            translated = page.get_translation_or_none(locales[code])
            if translated is not None and translated.live:
                url = translated.get_url(request=request)
        if url is None:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links
