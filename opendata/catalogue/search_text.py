"""The free-text condition shared by the search (``search.py``) and the filter syntax (``fq.py``).

Datasets keep the lower-cased words of their record in ``search_text`` (written by the
services); a word matches when it occurs there, the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

from django.db.models import Q


def text_condition(term: str) -> Q:
    return Q(search_text__contains=term.lower())
