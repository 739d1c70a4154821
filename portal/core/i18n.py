"""Bilingual fields outside Wagtail's page tree: German original, optional English text."""

from __future__ import annotations

from django.utils import translation


def in_reader_language(german: str, english: str) -> str:
    """The English text for English readers where it exists, else the German original."""
    return english if english and translation.get_language() == "en" else german


API_PREFIXES = ("/api/", "/open311/", "/sta/", "/datastore/")


class ApiLanguageMiddleware:
    """APIs live outside the language prefix, where Django's LocaleMiddleware always chooses
    German; they answer in the language the client asks for (Accept-Language), German else."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import translation

        if request.path.startswith(API_PREFIXES) and "HTTP_ACCEPT_LANGUAGE" in request.META:
            language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
