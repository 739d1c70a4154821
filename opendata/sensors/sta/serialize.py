"""Rows to SensorThings JSON, with ``$select``, ``$expand`` and paging.

Rows are read with ``values_list`` and turned into dicts directly (no model instances).
Every expansion is one query for the whole page, however many parents it has: to-one
targets by ``pk IN``, to-many targets with ``ROW_NUMBER() OVER (PARTITION BY parent)`` so
that ``$top``/``$skip``/``$orderby`` apply per parent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import BigIntegerField, Count, ExpressionWrapper, F, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _

from opendata.sensors.sta.entities import EntityType, _same
from opendata.sensors.sta.errors import StaQueryError
from opendata.sensors.sta.query import Expand, QueryOptions

NextLink = Callable[[int, int], str]

# Nested $expand multiplies: 1,000 datastreams with 1,000 observations each would be a
# response of a million entities. Past this many the request is refused (lower $top).
MAX_RESPONSE_ENTITIES = 25_000


class ResponseTooLarge(StaQueryError):
    pass


class EntityBudget:
    """Entities a response may still render, shared by a plan and its expansions."""

    def __init__(self) -> None:
        self.remaining = MAX_RESPONSE_ENTITIES

    def spend(self, count: int) -> None:
        self.remaining -= count
        if self.remaining < 0:
            raise ResponseTooLarge(
                _(
                    "The response would hold more than %(limit)s entities; "
                    "ask for fewer with $top, also inside $expand."
                )
                % {"limit": MAX_RESPONSE_ENTITIES},
                "$expand",
            )


def query_string(raw: dict[str, str], **changes: Any) -> str:
    params = {**raw, **{f"${key}": str(value) for key, value in changes.items()}}
    return urlencode(params, safe="$(),/;=':")


class Plan:
    """What to read and how to render it, for one entity type and its options."""

    def __init__(
        self,
        entity: EntityType,
        options: QueryOptions,
        base: str,
        budget: EntityBudget | None = None,
    ) -> None:
        self.entity = entity
        self.budget = budget or EntityBudget()
        self.options = options
        self.base = base
        self.set_base = f"{base}/{entity.set_name}"
        select = options.select
        self.columns: list[str] = ["pk"]
        self.index: dict[str, int] = {"pk": 0}
        self.with_id = select is None or "id" in select
        self.steps: list[tuple[str, tuple[int, ...], Callable | None]] = []
        self.has_geometry = False
        for prop in entity.props:
            if not prop.output or prop.name == "id" or (select and prop.name not in select):
                continue
            self.has_geometry = self.has_geometry or prop.geometry
            indexes = tuple(self._column(column) for column in prop.columns)
            render = None if prop.render is _same and len(indexes) == 1 else prop.render
            self.steps.append((prop.name, indexes, render))
        self.links = [nav.name for nav in entity.navs if select is None or nav.name in select]
        for expand in options.expand:
            self._column(expand.nav.source_column)

    def _column(self, column: str) -> int:
        if column not in self.index:
            self.index[column] = len(self.columns)
            self.columns.append(column)
        return self.index[column]

    def rows(self, queryset: QuerySet, *extra: str) -> list[tuple]:
        """The rows as the database driver returns them, without Django's converters.

        Datetimes stay as the driver gives them (text on SQLite) and JSON as text; the
        renderers in entities.py take both. Geometries need GeoDjango's converters.
        """
        values = queryset.values_list(*self.columns, *extra)
        if self.has_geometry:
            return list(values)
        try:
            sql, params = values.query.get_compiler(using=values.db).as_sql()
        except EmptyResultSet:
            return []
        with connections[values.db].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def render(self, rows: Sequence[tuple]) -> list[dict]:
        self.budget.spend(len(rows))
        set_base, with_id = self.set_base, self.with_id
        getters = [(key, _getter(indexes, render)) for key, indexes, render in self.steps]
        links = [(f"{name}@iot.navigationLink", f"/{name}") for name in self.links]
        result = []
        append = result.append
        for row in rows:
            link = f"{set_base}({row[0]})"
            item: dict[str, Any] = {"@iot.selfLink": link, "@iot.id": row[0]} if with_id else {}
            for key, getter in getters:
                item[key] = getter(row)
            for key, suffix in links:
                item[key] = link + suffix
            append(item)
        for expand in self.options.expand:
            _expand(self, expand, rows, result)
        return result


def _getter(indexes: tuple[int, ...], render: Callable | None) -> Callable[[tuple], Any]:
    if render is None:
        return itemgetter(indexes[0])
    if len(indexes) == 1:
        (index,) = indexes
        return lambda row: render(row[index])
    if len(indexes) == 2:
        first, second = indexes
        return lambda row: render(row[first], row[second])
    return lambda row: render(*[row[i] for i in indexes])


def collection(
    entity: EntityType,
    queryset: QuerySet | None,
    options: QueryOptions,
    base: str,
    next_link: NextLink,
) -> dict:
    body: dict[str, Any] = {}
    if entity.model is None or queryset is None:
        if options.count:
            body["@iot.count"] = 0
        body["value"] = []
        return body
    if options.filter is not None:
        queryset = queryset.filter(options.filter)
    if options.count:
        body["@iot.count"] = queryset.count()
    plan = Plan(entity, options, base)
    top, skip = options.top, options.skip
    ordered = queryset.order_by(*options.order_expressions())
    rows = plan.rows(ordered[skip : skip + top + 1]) if top else []
    if len(rows) > top:
        rows = rows[:top]
        body["@iot.nextLink"] = next_link(skip + top, top)
    body["value"] = plan.render(rows)
    return body


def single(entity: EntityType, queryset: QuerySet, options: QueryOptions, base: str) -> dict | None:
    plan = Plan(entity, options, base)
    rows = plan.rows(queryset[:1])
    return plan.render(rows)[0] if rows else None


def _expand(plan: Plan, expand: Expand, rows: Sequence[tuple], items: list[dict]) -> None:
    nav, target, options = expand.nav, expand.entity, expand.options
    source = plan.index[nav.source_column]
    values = sorted({row[source] for row in rows if row[source] is not None})
    if target.model is None or not values:
        for item in items:
            if nav.many:
                item[nav.name] = []
        return
    child_plan = Plan(target, options, plan.base, plan.budget)
    queryset = target.queryset()
    if not nav.many:
        queryset = queryset.filter(pk__in=values)
        if options.filter is not None:
            queryset = queryset.filter(options.filter)
        child_rows = child_plan.rows(queryset)
        by_pk = dict(zip((r[0] for r in child_rows), child_plan.render(child_rows), strict=True))
        for row, item in zip(rows, items, strict=True):
            child = by_pk.get(row[source])
            if child is not None:
                item[nav.name] = child
        return
    parent: Any = F(nav.target_field)
    selected = bool({nav.target_field, f"{nav.target_field}_id"} & set(child_plan.columns))
    if selected:
        # The child selects that column itself (Datastreams($expand=Thing) under Things):
        # Django's subquery for the window filter would fold the two into one and misnumber
        # its ORDER BY, so the parent becomes an expression ("+ 0"), not the bare column;
        # the rows are still filtered on the column (its index).
        parent = ExpressionWrapper(parent + 0, output_field=BigIntegerField())
    if nav.match is not None or selected:
        queryset = queryset.filter(nav.q_in(values)).annotate(sta_parent=parent)
    else:
        queryset = queryset.annotate(sta_parent=parent).filter(sta_parent__in=values)
    if options.filter is not None:
        queryset = queryset.filter(options.filter)
    counts = {}
    if options.count:
        counts = dict(queryset.order_by().values_list("sta_parent").annotate(total=Count("pk")))
    top, skip = options.top, options.skip
    order = options.order_expressions()
    if child_plan.has_geometry:
        # Django cannot read SpatiaLite geometries through the subquery that filtering on a
        # window function needs; the sets with geometries (Locations) are small per parent.
        ranked = queryset.order_by("sta_parent", *order)
        window = slice(skip, skip + top + 1)
    else:
        ranked = (
            queryset.annotate(
                sta_rank=Window(RowNumber(), partition_by=[F("sta_parent")], order_by=order)
            )
            .filter(sta_rank__gt=skip, sta_rank__lte=skip + top + 1)
            .order_by("sta_parent", "sta_rank")
        )
        window = slice(None)
    grouped: dict[Any, list[tuple]] = defaultdict(list)
    for row in child_plan.rows(ranked, "sta_parent") if top else []:
        grouped[row[-1]].append(row)
    for parent, group in grouped.items():
        grouped[parent] = group[window]
    more = {parent for parent, group in grouped.items() if len(group) > top}
    kept = [row for group in grouped.values() for row in group[:top]]
    rendered = child_plan.render(kept)
    children: dict[Any, list[dict]] = defaultdict(list)
    for row, child in zip(kept, rendered, strict=True):
        children[row[-1]].append(child)
    for row, item in zip(rows, items, strict=True):
        parent = row[source]
        if options.count:
            item[f"{nav.name}@iot.count"] = counts.get(parent, 0)
        item[nav.name] = children.get(parent, [])
        if parent in more:
            link = f"{plan.set_base}({row[0]})/{nav.name}"
            item[f"{nav.name}@iot.nextLink"] = (
                f"{link}?{query_string(options.raw, top=top, skip=skip + top)}"
            )
