"""Query options of a SensorThings request: ``$top $skip $count $select $orderby $expand
$filter``, also nested inside ``$expand=Datastreams($filter=...;$top=3;$expand=...)``.

odata-query parses only ``$filter`` expressions; the option lists around them (comma and
semicolon separated, parenthesised, quoted) are split here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db.models import F, OrderBy, Q
from django.utils.translation import gettext as _

from opendata.sensors.sta.entities import ENTITY_SETS, EntityType, Nav
from opendata.sensors.sta.errors import StaQueryError
from opendata.sensors.sta.filters import filter_q

DEFAULT_TOP = 100
MAX_TOP = 1000
OPTIONS = ("$top", "$skip", "$count", "$select", "$orderby", "$expand", "$filter")
ID_NAMES = ("id", "@iot.id")


@dataclass
class Expand:
    nav: Nav
    entity: EntityType
    options: QueryOptions


@dataclass
class QueryOptions:
    entity: EntityType
    top: int = DEFAULT_TOP
    skip: int = 0
    count: bool = False
    select: frozenset[str] | None = None
    orderby: list[OrderBy] = field(default_factory=list)
    filter: Q | None = None
    expand: list[Expand] = field(default_factory=list)
    raw: dict[str, str] = field(default_factory=dict)

    def order_expressions(self) -> list[OrderBy]:
        return [*self.orderby, F("pk").asc()]


def split_top_level(text: str, separator: str) -> list[str]:
    """Split at ``separator`` outside parentheses and single-quoted strings."""
    parts, depth, quoted, start = [], 0, False, 0
    for index, char in enumerate(text):
        if char == "'":
            quoted = not quoted
        elif quoted:
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return [part.strip() for part in parts]


def _int(option: str, value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise StaQueryError(
            _("%(option)s must be a whole number of at least 0, not %(value)s.")
            % {"option": option, "value": value[:20]},
            option,
        )
    return number


def options_parse(entity: EntityType, raw: Mapping[str, str]) -> QueryOptions:
    unknown = sorted(key for key in raw if key.startswith("$") and key not in OPTIONS)
    if unknown:
        raise StaQueryError(
            _("Unknown query option %(option)s; supported are %(options)s.")
            % {"option": unknown[0], "options": ", ".join(OPTIONS)},
            unknown[0],
        )
    options = QueryOptions(entity, raw={k: v for k, v in raw.items() if k in OPTIONS})
    if "$top" in raw:
        options.top = min(_int("$top", raw["$top"]), MAX_TOP)
    if "$skip" in raw:
        options.skip = _int("$skip", raw["$skip"])
    if "$count" in raw:
        value = raw["$count"].strip().lower()
        if value not in ("true", "false"):
            raise StaQueryError(_("$count must be true or false."), "$count")
        options.count = value == "true"
    if raw.get("$select", "").strip():
        options.select = _select(entity, raw["$select"])
    if raw.get("$orderby", "").strip():
        options.orderby = _orderby(entity, raw["$orderby"])
    if raw.get("$filter", "").strip():
        options.filter = filter_q(entity, raw["$filter"])
    if raw.get("$expand", "").strip():
        options.expand = _expand(entity, raw["$expand"])
    return options


def _select(entity: EntityType, text: str) -> frozenset[str]:
    names = set()
    for name in split_top_level(text, ","):
        if name in ID_NAMES:
            names.add("id")
            continue
        prop = entity.props_by_name.get(name)
        if (prop is None or not prop.output) and name not in entity.navs_by_name:
            raise StaQueryError(
                _("$select: %(entity)s has no property %(property)s.")
                % {"entity": entity.name, "property": name or "''"},
                "$select",
            )
        names.add(name)
    return frozenset(names)


def _orderby(entity: EntityType, text: str) -> list[OrderBy]:
    orders = []
    for item in split_top_level(text, ","):
        name, _sep, direction = item.partition(" ")
        direction = direction.strip().lower() or "asc"
        if direction not in ("asc", "desc"):
            raise StaQueryError(
                _("$orderby: the direction of %(property)s must be asc or desc.")
                % {"property": name},
                "$orderby",
            )
        prop = entity.props_by_name.get("id" if name in ID_NAMES else name)
        fields = (prop.interval or (prop.field,)) if prop else (None,)
        if None in fields:
            raise StaQueryError(
                _("$orderby: %(entity)s cannot be sorted by %(property)s.")
                % {"entity": entity.name, "property": name or "''"},
                "$orderby",
            )
        for name_ in fields:
            expression = F(name_)
            orders.append(expression.desc() if direction == "desc" else expression.asc())
    return orders


def _expand(entity: EntityType, text: str) -> list[Expand]:
    expands: dict[str, Expand] = {}
    for item in split_top_level(text, ","):
        path, paren, inner = item.partition("(")
        if paren and not inner.endswith(")"):
            raise StaQueryError(
                _("$expand: unbalanced parentheses in %(item)s.") % {"item": item[:60]},
                "$expand",
            )
        raw = _inner_options(inner[:-1]) if paren else {}
        segments = [s.strip() for s in path.split("/")]
        # Datastreams/Observations is Datastreams($expand=Observations)
        for segment in reversed(segments[1:]):
            raw = {"$expand": f"{segment}({_inner_text(raw)})" if raw else segment}
        _expand_add(entity, expands, segments[0], raw)
    return list(expands.values())


def _inner_text(raw: Mapping[str, str]) -> str:
    return ";".join(f"{key}={value}" for key, value in raw.items())


def _inner_options(text: str) -> dict[str, str]:
    raw = {}
    for part in split_top_level(text, ";"):
        if not part:
            continue
        key, equals, value = part.partition("=")
        if not equals:
            raise StaQueryError(
                _("$expand: %(part)s is not an option such as $top=3.") % {"part": part[:40]},
                "$expand",
            )
        raw[key.strip()] = value.strip()
    return raw


def _expand_add(entity: EntityType, expands: dict[str, Expand], name: str, raw: dict) -> None:
    nav = entity.navs_by_name.get(name)
    if nav is None:
        raise StaQueryError(
            _("$expand: %(entity)s has no navigation property %(name)s.")
            % {"entity": entity.name, "name": name or "''"},
            "$expand",
        )
    previous = expands.get(name)
    if previous is not None:  # Datastreams/Sensor,Datastreams/Thing: one expansion, merged
        merged = dict(previous.options.raw)
        for key, value in raw.items():
            if key == "$expand" and key in merged:
                merged[key] = f"{merged[key]},{value}"
            else:
                merged[key] = value
        raw = merged
    target = ENTITY_SETS[nav.target]
    expands[name] = Expand(nav, target, options_parse(target, raw))
