"""``$filter``: SensorThings' OData subset, parsed by odata-query, turned into a Django Q.

odata-query's grammar covers STA's syntax; its Django visitor is extended here with:
- properties by their STA names (``phenomenonTime``, ``unitOfMeasurement/name``, ``id``,
  keys of ``properties``/``parameters``), unknown names refused with their name;
- navigation paths (``Datastream/Thing/name``, ``Thing/Locations/location``): every
  navigation becomes an ``EXISTS`` over the target's visible set, with the condition
  re-rooted there, so a filter can never reach data that the API does not publish;
- time intervals (``phenomenonTime``) compared by their bounds: ``gt``/``ge`` compare the
  start, ``lt``/``le`` the end (the interval lies wholly before or after the instant),
  ``eq`` means "starts at";
- STA functions: ``substringof``, ``st_*`` and ``geo.intersects`` as GeoDjango lookups
  (SpatiaLite and PostGIS), time functions in UTC, ``mindatetime``/``maxdatetime``.
"""

from __future__ import annotations

import datetime as dt
import types
from typing import Any

from django.contrib.gis.db.models import functions as gis_functions
from django.contrib.gis.geos import GEOSException, GEOSGeometry
from django.db.models import (
    Exists,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    Value,
    functions,
    lookups,
)
from django.db.models.fields.json import KT, KeyTextTransform
from django.utils.translation import gettext as _
from odata_query import ast
from odata_query import exceptions as odata_exceptions
from odata_query.django.django_q import AstToDjangoQVisitor
from odata_query.django.django_q_ext import NotEqual
from odata_query.grammar import ODataLexer, ODataParser

from opendata.sensors.sta.entities import ENTITY_SETS, EntityType, Prop
from opendata.sensors.sta.errors import StaQueryError

OPTION = "$filter"

# Functions beyond odata-query's list, with their argument counts.
STA_FUNCTIONS = {
    "substringof": 2,
    "st_equals": 2,
    "st_disjoint": 2,
    "st_touches": 2,
    "st_within": 2,
    "st_overlaps": 2,
    "st_crosses": 2,
    "st_intersects": 2,
    "st_contains": 2,
    "st_relate": 3,
}
# Spatial predicates: GeoDjango lookup, and the lookup when the arguments are swapped.
SPATIAL = {
    "st_equals": ("equals", "equals"),
    "st_disjoint": ("disjoint", "disjoint"),
    "st_touches": ("touches", "touches"),
    "st_within": ("within", "contains"),
    "st_overlaps": ("overlaps", "overlaps"),
    "st_crosses": ("crosses", "crosses"),
    "st_intersects": ("intersects", "intersects"),
    "st_contains": ("contains", "within"),
    "geo__intersects": ("intersects", "intersects"),
}
FLIPPED = {ast.Gt: ast.Lt, ast.GtE: ast.LtE, ast.Lt: ast.Gt, ast.LtE: ast.GtE}


def _function_call(parser: ODataParser, func: ast.Identifier, args: list) -> ast.Call:
    expected = STA_FUNCTIONS.get(func.full_name().lower())
    if expected is None:
        return ODataParser._function_call(parser, func, args)
    if len(args) != expected:
        raise odata_exceptions.ArgumentCountException(
            func.full_name(), expected, expected, len(args)
        )
    return ast.Call(func, args)


def _iot_id_as_id(text: str) -> str:
    """``@iot.id`` is STA's spelling of ``id``; replaced outside string literals."""
    parts = text.split("'")
    for index in range(0, len(parts), 2):  # even parts lie outside quotes
        parts[index] = parts[index].replace("@iot.id", "id")
    return "'".join(parts)


def filter_parse(text: str) -> ast._Node:
    parser = ODataParser()
    parser._function_call = types.MethodType(_function_call, parser)
    try:
        return parser.parse(ODataLexer().tokenize(_iot_id_as_id(text)))
    except odata_exceptions.TokenizingException as exc:
        raise StaQueryError(
            _("$filter: cannot read the expression at position %(index)d (%(text)s).")
            % {"index": exc.token.index, "text": exc.token.value[:30]},
            OPTION,
        ) from None
    except odata_exceptions.ParsingException as exc:
        if exc.eof or exc.token is None:
            message = _("$filter: the expression ends too early.")
        else:
            message = _("$filter: syntax error at position %(index)d near %(text)s.") % {
                "index": exc.token.index,
                "text": repr(str(exc.token.value))[:30],
            }
        raise StaQueryError(message, OPTION) from None
    except odata_exceptions.ODataException as exc:
        raise StaQueryError(f"$filter: {exc}", OPTION) from None


def filter_q(entity: EntityType, text: str) -> Q:
    """The Q object for ``$filter=text`` on the visible set of ``entity``."""
    tree = filter_parse(text)
    try:
        return StaFilterVisitor(entity).visit(tree)
    except StaQueryError:
        raise
    except (odata_exceptions.ODataException, GEOSException, ValueError, TypeError) as exc:
        raise StaQueryError(f"$filter: {exc}", OPTION) from None


def path_segments(node: ast._Node) -> list[str] | None:
    if isinstance(node, ast.Identifier):
        return [".".join((*node.namespace, node.name))]
    if isinstance(node, ast.Attribute):
        owner = path_segments(node.owner)
        return None if owner is None else [*owner, node.attr]
    return None


def _children(node: ast._Node) -> list[ast._Node]:
    if isinstance(node, ast.Call):
        return list(node.args)
    if isinstance(node, (ast.Compare, ast.BinOp, ast.BoolOp)):
        return [node.left, node.right]
    if isinstance(node, ast.UnaryOp):
        return [node.operand]
    if isinstance(node, ast.List):
        return list(node.val)
    return []


def _paths(node: ast._Node):
    if isinstance(node, (ast.Identifier, ast.Attribute)):
        yield node
        return
    for child in _children(node):
        yield from _paths(child)


def _reroot(node: ast._Node, segment: str) -> ast._Node:
    """``node`` with every path that starts at navigation ``segment`` made relative to it."""
    segments = path_segments(node)
    if segments is not None:
        if segments[0] != segment or len(segments) < 2:
            raise StaQueryError(
                _(
                    "$filter: a condition may follow only one navigation path; "
                    "%(path)s does not start with %(segment)s."
                )
                % {"path": "/".join(segments), "segment": segment},
                OPTION,
            )
        rest: ast._Node = ast.Identifier(segments[1])
        for attr in segments[2:]:
            rest = ast.Attribute(rest, attr)
        return rest
    if isinstance(node, ast.Call):
        return ast.Call(node.func, [_reroot(arg, segment) for arg in node.args])
    if isinstance(node, ast.Compare):
        return ast.Compare(
            node.comparator, _reroot(node.left, segment), _reroot(node.right, segment)
        )
    if isinstance(node, ast.BinOp):
        return ast.BinOp(node.op, _reroot(node.left, segment), _reroot(node.right, segment))
    if isinstance(node, ast.BoolOp):
        return ast.BoolOp(node.op, _reroot(node.left, segment), _reroot(node.right, segment))
    if isinstance(node, ast.UnaryOp):
        return ast.UnaryOp(node.op, _reroot(node.operand, segment))
    if isinstance(node, ast.List):
        return ast.List([_reroot(item, segment) for item in node.val])
    return node


class Remainder(Func):
    """OData's ``mod`` for integers and floats alike (truncating, like C's fmod).

    Django's SQLite backend provides MOD as fmod; PostgreSQL has MOD on numeric only.
    """

    function = "MOD"
    arity = 2
    output_field = FloatField()

    def as_postgresql(self, compiler, connection, **extra_context):
        parts = [compiler.compile(expression) for expression in self.get_source_expressions()]
        (lhs, lhs_params), (rhs, rhs_params) = parts
        return f"MOD(CAST({lhs} AS numeric), CAST({rhs} AS numeric))", (*lhs_params, *rhs_params)


class StaFilterVisitor(AstToDjangoQVisitor):
    def __init__(self, entity: EntityType) -> None:
        super().__init__(entity.model)
        self.entity = entity

    # --- properties and navigation ----------------------------------------------------

    def _prop(self, segments: list[str]) -> tuple[Prop | None, Any]:
        entity = self.entity
        joined = "/".join(segments)
        prop = entity.props_by_name.get(joined)
        if prop is not None:
            if prop.interval:
                return prop, F(prop.interval[0])
            if prop.field:
                return prop, F(prop.field)
        head = entity.props_by_name.get(segments[0])
        if head is not None and head.json_field and len(segments) > 1:
            return head, KT("__".join([head.json_field, *segments[1:]]))
        if prop is not None or head is not None:
            raise StaQueryError(
                _("$filter: %(entity)s/%(property)s cannot be filtered on.")
                % {"entity": entity.name, "property": joined},
                OPTION,
            )
        raise StaQueryError(
            _("$filter: %(entity)s has no property %(property)s.")
            % {"entity": entity.name, "property": joined},
            OPTION,
        )

    def visit_Identifier(self, node: ast.Identifier) -> Any:
        return self._prop(path_segments(node))[1]

    def visit_Attribute(self, node: ast.Attribute) -> Any:
        return self._prop(path_segments(node))[1]

    def _navigation_in(self, node: ast._Node) -> str | None:
        for path in _paths(node):
            segments = path_segments(path)
            if segments and segments[0] in self.entity.navs_by_name:
                return segments[0]
        return None

    def _through(self, nav_name: str, node: ast._Node) -> Q:
        """``node`` evaluated on the visible rows that navigation ``nav_name`` reaches."""
        nav = self.entity.navs_by_name[nav_name]
        target = ENTITY_SETS[nav.target]
        rerooted = _reroot(node, nav_name)
        if target.model is None:  # an always empty set: the condition holds for no row
            return Q(pk__in=[])
        inner = StaFilterVisitor(target).visit(rerooted)
        related = target.queryset().filter(nav.q(OuterRef(nav.source_column))).filter(inner)
        return Q(Exists(related))

    # --- literals -------------------------------------------------------------------------

    def visit_Integer(self, node: ast.Integer) -> Value:
        # Databases differ beyond 64 bits (SQLite overflows, PostgreSQL compares numerics):
        # refuse the same way everywhere.
        value = node.py_val
        if not -(2**63) <= value < 2**63:
            raise StaQueryError(
                _("$filter: the number %(number)s is out of range.") % {"number": node.val[:40]},
                OPTION,
            )
        return Value(value)

    def visit_DateTime(self, node: ast.DateTime) -> Value:
        try:
            moment = node.py_val
        except ValueError:
            raise odata_exceptions.ValueException(node.val) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        return Value(moment)

    # --- comparisons ----------------------------------------------------------------------

    def visit_Compare(self, node: ast.Compare) -> Any:
        nav_name = self._navigation_in(node)
        if nav_name:
            return self._through(nav_name, node)
        left_prop = self._interval_prop(node.left)
        right_prop = self._interval_prop(node.right)
        if right_prop and not left_prop and not isinstance(node.right, ast.Null):
            flipped = FLIPPED.get(type(node.comparator), type(node.comparator))()
            return self.visit_Compare(ast.Compare(flipped, node.right, node.left))
        if left_prop and not right_prop and not isinstance(node.right, ast.Null):
            return self._interval_compare(left_prop, node.comparator, self.visit(node.right))
        lhs = self.visit(node.left)
        if isinstance(lhs, KeyTextTransform) and isinstance(node.right, (ast.Integer, ast.Float)):
            node_lhs = functions.Cast(lhs, FloatField())
            return self.visit(node.comparator)(node_lhs, self.visit(node.right))
        return super().visit_Compare(node)

    def _interval_prop(self, node: ast._Node) -> Prop | None:
        segments = path_segments(node)
        if not segments:
            return None
        prop = self.entity.props_by_name.get("/".join(segments))
        return prop if prop is not None and prop.interval else None

    def _interval_compare(self, prop: Prop, comparator: ast._Node, rhs: Any) -> Q:
        start, end = (F(name) for name in prop.interval)
        if isinstance(comparator, ast.Eq):
            return Q(lookups.Exact(start, rhs))
        if isinstance(comparator, ast.NotEq):
            return Q(NotEqual(start, rhs))
        if isinstance(comparator, ast.Gt):
            return Q(lookups.GreaterThan(start, rhs))
        if isinstance(comparator, ast.GtE):
            return Q(lookups.GreaterThanOrEqual(start, rhs))
        if isinstance(comparator, ast.Lt):
            return Q(lookups.LessThanOrEqual(end, rhs)) & Q(lookups.LessThan(start, rhs))
        if isinstance(comparator, ast.LtE):
            return Q(lookups.LessThanOrEqual(end, rhs))
        raise StaQueryError(
            _("$filter: %(property)s cannot be compared with this operator.")
            % {"property": prop.name},
            OPTION,
        )

    def visit_Mod(self, node: ast.Mod) -> Any:
        return Remainder

    def _ensure_q(self, node: Any) -> Q:
        if isinstance(node, Q):
            return node
        if not getattr(node, "conditional", False):
            raise StaQueryError(
                _("$filter must be a condition that is true or false for each entity."), OPTION
            )
        return Q(node)

    def visit_CollectionLambda(self, node: ast.CollectionLambda) -> Q:
        raise StaQueryError(_("$filter: any() and all() are not part of SensorThings."), OPTION)

    # --- functions --------------------------------------------------------------------------

    def visit_Call(self, node: ast.Call) -> Any:
        nav_name = self._navigation_in(node)
        if nav_name:
            return self._through(nav_name, node)
        return super().visit_Call(node)

    def _text_arg(self, node: ast._Node) -> Any:
        return node.py_val if isinstance(node, ast.String) else self.visit(node)

    def djangofunc_substringof(self, needle: ast._Node, haystack: ast._Node) -> Q:
        return Q(lookups.Contains(self.visit(haystack), self._text_arg(needle)))

    def djangofunc_contains(self, haystack: ast._Node, needle: ast._Node) -> Q:
        return Q(lookups.Contains(self.visit(haystack), self._text_arg(needle)))

    def djangofunc_startswith(self, text: ast._Node, prefix: ast._Node) -> Q:
        return Q(lookups.StartsWith(self.visit(text), self._text_arg(prefix)))

    def djangofunc_endswith(self, text: ast._Node, suffix: ast._Node) -> Q:
        return Q(lookups.EndsWith(self.visit(text), self._text_arg(suffix)))

    def _geometry_field(self, node: ast._Node) -> str | None:
        segments = path_segments(node)
        if not segments:
            return None
        prop, _expr = self._prop(segments)
        if not prop.geometry:
            raise StaQueryError(
                _("$filter: %(property)s is not a geometry.") % {"property": prop.name},
                OPTION,
            )
        return prop.field

    def _geometry(self, node: ast._Node) -> GEOSGeometry:
        if not isinstance(node, ast.Geography):
            raise StaQueryError(
                _("$filter: spatial functions need a literal such as geography'POINT(8 50)'."),
                OPTION,
            )
        try:
            geometry = GEOSGeometry(node.val)
        except (GEOSException, ValueError) as exc:
            raise StaQueryError(
                _("$filter: the geography literal is not valid WKT (%(error)s).") % {"error": exc},
                OPTION,
            ) from None
        if geometry.srid is None:
            geometry.srid = 4326
        return geometry

    def _spatial(self, name: str, first: ast._Node, second: ast._Node, *extra: Any) -> Q:
        lookup, swapped = SPATIAL[name]
        field = None
        if path_segments(first):
            field, literal = self._geometry_field(first), second
        elif path_segments(second):
            field, literal, lookup = self._geometry_field(second), first, swapped
        if field is None:
            raise StaQueryError(
                _("$filter: %(function)s needs a geometry property as one argument.")
                % {"function": name.replace("__", ".")},
                OPTION,
            )
        value = self._geometry(literal)
        return Q(**{f"{field}__{lookup}": (value, *extra) if extra else value})

    def djangofunc_geo__intersects(self, first: ast._Node, second: ast._Node) -> Q:
        return self._spatial("geo__intersects", first, second)

    def djangofunc_geo__distance(self, first: ast._Node, second: ast._Node) -> Any:
        field = self._geometry_field(first) if path_segments(first) else None
        if field is None:
            raise StaQueryError(_("$filter: geo.distance needs a geometry property."), OPTION)
        return gis_functions.Distance(field, self._geometry(second))

    def djangofunc_geo__length(self, first: ast._Node) -> Any:
        return gis_functions.Length(self._geometry_field(first))

    def djangofunc_st_relate(self, first: ast._Node, second: ast._Node, pattern: ast._Node):
        if not isinstance(pattern, ast.String):
            raise StaQueryError(_("$filter: st_relate needs a pattern string."), OPTION)
        lookup_field = self._geometry_field(first) if path_segments(first) else None
        if lookup_field is None:
            raise StaQueryError(_("$filter: st_relate needs a geometry property first."), OPTION)
        return Q(**{f"{lookup_field}__relate": (self._geometry(second), pattern.py_val)})

    def _extract(self, kind: str, node: ast._Node) -> Any:
        return functions.Extract(self.visit(node), kind, tzinfo=dt.UTC)

    def djangofunc_year(self, node: ast._Node) -> Any:
        return self._extract("year", node)

    def djangofunc_month(self, node: ast._Node) -> Any:
        return self._extract("month", node)

    def djangofunc_day(self, node: ast._Node) -> Any:
        return self._extract("day", node)

    def djangofunc_hour(self, node: ast._Node) -> Any:
        return self._extract("hour", node)

    def djangofunc_minute(self, node: ast._Node) -> Any:
        return self._extract("minute", node)

    def djangofunc_second(self, node: ast._Node) -> Any:
        return self._extract("second", node)

    def djangofunc_date(self, node: ast._Node) -> Any:
        return functions.TruncDate(self.visit(node), tzinfo=dt.UTC)

    def djangofunc_time(self, node: ast._Node) -> Any:
        return functions.TruncTime(self.visit(node), tzinfo=dt.UTC)

    def djangofunc_mindatetime(self) -> Value:
        return Value(dt.datetime(1, 1, 1, tzinfo=dt.UTC))

    def djangofunc_maxdatetime(self) -> Value:
        return Value(dt.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=dt.UTC))


for _name in SPATIAL:
    if _name.startswith("st_"):

        def _make(name: str):
            def method(self: StaFilterVisitor, first: ast._Node, second: ast._Node) -> Q:
                return self._spatial(name, first, second)

            return method

        setattr(StaFilterVisitor, f"djangofunc_{_name}", _make(_name))
