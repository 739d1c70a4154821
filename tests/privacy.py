"""A scanner for canary values: every table of the database, read as text.

Privacy tests plant recognisable personal data (an e-mail address, a name, a phone number),
drive the code, and ask where the canary ended up: ``tables_containing(leaks)`` names each
table holding a value for which ``leaks`` is true. Blobs are read byte by byte and every
column is cast to text in SQL, so no driver converter hides a value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import connection


def leak_finder(canaries: Iterable[str]) -> Callable[[str], bool]:
    forms = [canary.lower() for canary in canaries]

    def leaks(text: str) -> bool:
        lowered = text.lower()
        return any(form in lowered for form in forms)

    return leaks


def table_values(cursor, table: str) -> list[tuple]:
    quote = connection.ops.quote_name
    if connection.vendor == "sqlite":  # Django's introspection trips over SpatiaLite's tables
        cursor.execute(f"PRAGMA table_info({quote(table)})")
        columns = [row[1] for row in cursor.fetchall()]
    else:
        description = connection.introspection.get_table_description(cursor, table)
        columns = [column.name for column in description]
    kind = "BLOB" if connection.vendor == "sqlite" else "TEXT"
    selected = ", ".join(f"CAST({quote(column)} AS {kind})" for column in columns)
    cursor.execute(f"SELECT {selected} FROM {quote(table)}")  # noqa: S608
    return [
        tuple(
            bytes(value).decode("latin-1") if isinstance(value, bytes | memoryview) else value
            for value in row
        )
        for row in cursor.fetchall()
    ]


def tables_containing(predicate: Callable[[str], bool]) -> list[str]:
    """The tables of the whole database with a value for which ``predicate`` holds."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if any(
                predicate(str(value))
                for row in table_values(cursor, table)
                for value in row
                if value is not None
            ):
                found.append(table)
    return sorted(found)
