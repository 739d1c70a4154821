"""The filter-query syntax CKAN clients send in ``fq`` (a subset of Solr's Lucene syntax).

Supported: ``field:value``, ``field:"a phrase"``, ``field:prefix*``, ``field:*``,
ranges ``field:[a TO b]`` / ``{a TO b}`` with ``*`` and ``NOW`` (``NOW-7DAYS``) for dates,
groups ``field:(a OR b)``, ``(… OR …)``, ``+``/``-``/``NOT`` prefixes, ``AND``/``OR`` between
clauses, ``*:*``. Clauses side by side must all hold, as in CKAN. Anything else is a
``SearchError`` that names the problem, never a silently ignored filter.
"""

from __future__ import annotations

import calendar
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Q

from opendata.catalogue import models
from opendata.catalogue.search_text import text_condition

# Bounds that keep a query's parse tree and its SQL small enough for every database (SQLite
# refuses expressions deeper than 1,000) and the parser's recursion far from Python's limit.
MAX_LENGTH = 4000
MAX_DEPTH = 20
MAX_CONDITIONS = 200

NOTHING = Q(pk__in=[])
# Matches every dataset and, unlike Q(), still means something when negated.
EVERYTHING = Q(pk__isnull=False)


class SearchError(ValueError):
    """A query that cannot be run; the message names the problem."""


@dataclass(frozen=True)
class _Token:
    kind: str  # "(" ")" "word" "phrase" "range" "op"
    text: str = ""
    low: str = ""
    high: str = ""
    include_low: bool = True
    include_high: bool = True


_WORD_END = set('()[]{}"')


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char.isspace():
            i += 1
        elif char in "()":
            tokens.append(_Token(char))
            i += 1
        elif char == '"':
            end = text.find('"', i + 1)
            if end < 0:
                raise SearchError("Unclosed quotation mark in the query")
            tokens.append(_Token("phrase", text[i + 1 : end]))
            i = end + 1
        elif char in "[{":
            match = re.compile(r"\s*(\S+)\s+TO\s+(\S+?)\s*([\]}])").match(text, i + 1)
            if not match:
                raise SearchError(f"Malformed range at {text[i : i + 40]!r}: expected [a TO b]")
            low, high, closing = match.groups()
            tokens.append(_Token("range", "", low, high, char == "[", closing == "]"))
            i = match.end()
        elif char in "]}":
            raise SearchError(f"Unexpected {char!r} in the query")
        else:
            start = i
            word = []
            while i < len(text) and not text[i].isspace() and text[i] not in _WORD_END:
                if text[i] == "\\" and i + 1 < len(text):
                    word.append(text[i + 1])
                    i += 2
                    continue
                word.append(text[i])
                i += 1
            value = "".join(word)
            if value in {"AND", "OR", "NOT", "&&", "||"}:
                tokens.append(_Token("op", {"&&": "AND", "||": "OR"}.get(value, value)))
            else:
                tokens.append(_Token("word", value if start < i else ""))
    return tokens


# --- values of each field -------------------------------------------------------------


def _parse_date(value: str, *, upper: bool) -> datetime | None:
    if value == "*":
        return None
    if value.startswith("NOW"):
        return _date_math(value)
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            return datetime.combine(day, time.max if upper else time.min, tzinfo=UTC)
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise SearchError(
            f"Cannot read the date {value!r}; use e.g. 2024-05-01T00:00:00Z"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


_UNITS = ("YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND")
_STEP = re.compile(
    r"/(YEAR|MONTH|DAY|HOUR|MINUTE|SECOND)S?|([+-])(\d+)(YEAR|MONTH|DAY|HOUR|MINUTE|SECOND)S?"
)


def _add_months(moment: datetime, months: int) -> datetime:
    index = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(index, 12)
    days = [31, 29 if calendar.isleap(year) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return moment.replace(year=year, month=month + 1, day=min(moment.day, days[month]))


def _date_math(value: str) -> datetime:
    """Solr's date math on NOW: steps like -7DAYS or +1MONTH, roundings like /DAY."""
    rest = value[3:]
    if not re.fullmatch(f"(?:{_STEP.pattern})*", rest):
        raise SearchError(f"Cannot read the date {value!r}")
    try:
        return _date_steps(datetime.now(UTC), rest)
    except (ValueError, OverflowError):
        raise SearchError(f"The date {value!r} is out of range") from None


def _date_steps(moment: datetime, rest: str) -> datetime:
    for step in _STEP.finditer(rest):
        rounding, sign, amount, unit = step.groups()
        if rounding:
            kept = _UNITS.index(rounding)
            fields = ("month", "day", "hour", "minute", "second", "microsecond")[kept:]
            moment = moment.replace(**{f: 1 if f in {"month", "day"} else 0 for f in fields})
            continue
        count = int(amount) * (-1 if sign == "-" else 1)
        if unit in {"YEAR", "MONTH"}:
            moment = _add_months(moment, count * (12 if unit == "YEAR" else 1))
        else:
            seconds = {"DAY": 86400, "HOUR": 3600, "MINUTE": 60, "SECOND": 1}[unit]
            moment = moment + timedelta(seconds=count * seconds)
    return moment


def _date_field(column: str) -> Callable[[_Token], Q]:
    def condition(token: _Token) -> Q:
        if token.kind == "range":
            q = Q()
            low = _parse_date(token.low, upper=False)
            high = _parse_date(token.high, upper=True)
            if low is not None:
                q &= Q(**{f"{column}__{'gte' if token.include_low else 'gt'}": low})
            if high is not None:
                q &= Q(**{f"{column}__{'lte' if token.include_high else 'lt'}": high})
            return q
        if token.text == "*":
            return Q(**{f"{column}__isnull": False})
        return Q(
            **{
                f"{column}__gte": _parse_date(token.text, upper=False),
                f"{column}__lte": _parse_date(token.text, upper=True),
            }
        )

    return condition


def _string_field(column: str, *, fold: Callable[[str], str] = str) -> Callable[[_Token], Q]:
    def condition(token: _Token) -> Q:
        if token.kind == "range":
            raise SearchError(f"Ranges are not supported on {column}")
        if token.text == "*":
            return EVERYTHING
        if token.kind == "word" and token.text.endswith("*"):
            return Q(**{f"{column}__istartswith": fold(token.text[:-1])})
        return Q(**{column: fold(token.text)})

    return condition


def _related(model_name: str, key: str, column: str, fold=str) -> Callable[[_Token], Q]:
    def condition(token: _Token) -> Q:
        if token.kind == "range":
            raise SearchError(f"Ranges are not supported on {column}")
        if token.text == "*":
            lookup = {}
        elif token.kind == "word" and token.text.endswith("*"):
            lookup = {f"{column}__istartswith": fold(token.text[:-1])}
        else:
            lookup = {column: fold(token.text)}
        if model_name == "themes":
            model = models.Dataset.themes.through
        else:
            model = getattr(models, model_name)
        return Q(Exists(model.objects.filter(**{key: OuterRef("pk")}, **lookup)))

    return condition


def _uuid_field(column: str) -> Callable[[_Token], Q]:
    def condition(token: _Token) -> Q:
        if token.kind == "range":
            raise SearchError(f"Ranges are not supported on {column}")
        if token.text == "*":
            return EVERYTHING
        try:
            return Q(**{column: uuid.UUID(token.text)})
        except ValueError:
            return NOTHING

    return condition


def _constant(accepted: str) -> Callable[[_Token], Q]:
    return lambda token: EVERYTHING if token.text in {accepted, "*"} else NOTHING


def _text(token: _Token) -> Q:
    return EVERYTHING if token.text == "*" else text_condition(token.text.rstrip("*"))


def _title(token: _Token) -> Q:
    if token.kind == "range":
        raise SearchError("Ranges are not supported on title")
    return EVERYTHING if token.text == "*" else Q(title__icontains=token.text.strip("*"))


FIELDS: dict[str, Callable[[_Token], Q]] = {
    "id": _uuid_field("pk"),
    "name": _string_field("name"),
    "title": lambda token: _title(token),
    "text": _text,
    "organization": _string_field("publisher__name"),
    "owner_org": _uuid_field("publisher_id"),
    "groups": _related("themes", "dataset_id", "datatheme_id", fold=str.upper),
    "tags": _related("DatasetKeyword", "content_object_id", "tag__name"),
    "res_format": _related("Distribution", "dataset_id", "format", fold=str.upper),
    "license_id": _string_field("licence"),
    "action_field": _string_field("action_field"),
    "metadata_modified": _date_field("metadata_modified"),
    "metadata_created": _date_field("metadata_created"),
    "dataset_type": _constant("dataset"),
    "type": _constant("dataset"),
    "state": _constant("active"),
    "capacity": _constant("public"),
    "private": _constant("false"),
}


# --- the grammar ----------------------------------------------------------------------


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.position = 0
        self.depth = 0
        self.conditions = 0

    def counted(self, condition: Q) -> Q:
        self.conditions += 1
        if self.conditions > MAX_CONDITIONS:
            raise SearchError(f"The query has more than {MAX_CONDITIONS} conditions")
        return condition

    def nested(self, field: str | None) -> Q:
        """The clauses inside parentheses, the opening one already taken."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise SearchError(f"The query nests parentheses more than {MAX_DEPTH} deep")
        inner = self.query(field=field, closing=True)
        if self.take().kind != ")":
            raise SearchError("Missing ')' in the query")
        self.depth -= 1
        return inner

    def peek(self) -> _Token | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.peek()
        if token is None:
            raise SearchError("The query ends too early")
        self.position += 1
        return token

    def query(self, *, field: str | None = None, closing: bool = False) -> Q:
        """Clauses side by side (AND), each possibly a chain joined with OR."""
        result = Q()
        while (token := self.peek()) is not None:
            if token.kind == ")":
                if not closing:
                    raise SearchError("Unexpected ')' in the query")
                break
            if token.kind == "op" and token.text == "AND":
                self.take()
                continue
            result &= self.disjunction(field)
        return result

    def disjunction(self, field: str | None) -> Q:
        result = self.unary(field)
        while (token := self.peek()) is not None and token.kind == "op" and token.text == "OR":
            self.take()
            result |= self.unary(field)
        return result

    def unary(self, field: str | None) -> Q:
        token = self.peek()
        if token is not None and token.kind == "op" and token.text == "NOT":
            self.take()
            return ~self.primary(field)
        if token is not None and token.kind == "word" and token.text[:1] in {"+", "-"}:
            sign, rest = token.text[0], token.text[1:]
            self.tokens[self.position] = _Token("word", rest)
            if not rest:
                self.position += 1
            condition = self.primary(field)
            return ~condition if sign == "-" else condition
        return self.primary(field)

    def primary(self, field: str | None) -> Q:
        token = self.take()
        if token.kind == "(":
            return self.nested(field)
        if token.kind == "op":
            raise SearchError(f"Unexpected {token.text} in the query")
        if token.kind == ")":
            raise SearchError("Unexpected ')' in the query")
        if token.kind == "word" and field is None:
            name, colon, value = token.text.partition(":")
            if not colon:
                return self.counted(_text(token)) if token.text else Q()
            if name == "*" and value == "*":
                return EVERYTHING
            if value:
                return self.condition(name, _Token("word", value))
            # field:(…), field:"…" or field:[… TO …]
            following = self.peek()
            if following is None:
                raise SearchError(f"Missing value after {name}:")
            if following.kind == "(":
                self.take()
                self._check_field(name)
                return self.nested(name)
            return self.condition(name, self.take())
        if field is None:
            return self.counted(_text(token))
        return self.condition(field, token)

    def _check_field(self, name: str) -> None:
        if name not in FIELDS:
            known = ", ".join(sorted(FIELDS))
            raise SearchError(f"Unknown field {name!r} in the query; known fields: {known}")

    def condition(self, name: str, token: _Token) -> Q:
        self._check_field(name)
        if token.kind not in {"word", "phrase", "range"}:
            raise SearchError(f"Missing value after {name}:")
        return self.counted(FIELDS[name](token))


def parse_fq(text: str) -> Q:
    """The Q object for a filter query; raises SearchError naming what is wrong."""
    if len(text) > MAX_LENGTH:
        raise SearchError(f"The filter query is too long (at most {MAX_LENGTH} characters)")
    return _Parser(text).query()
