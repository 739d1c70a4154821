"""What the apps share about the database server's own limits."""

from __future__ import annotations

# PostgreSQL's SQLSTATE for a statement cancelled at its statement_timeout.
QUERY_CANCELED = "57014"


def statement_canceled(error: BaseException) -> bool:
    """Whether a database error is a statement that ran past its time limit (PostgreSQL)."""
    return getattr(error.__cause__, "sqlstate", None) == QUERY_CANCELED
