"""Bilingual fields outside Wagtail's page tree: German original, optional English text."""

from __future__ import annotations

from django.utils import translation


def in_reader_language(german: str, english: str) -> str:
    """The English text for English readers where it exists, else the German original."""
    return english if english and translation.get_language() == "en" else german
