"""Searching the published catalogue: full text, field filters, facets, sorting, a bounding box.

One engine behind the CKAN ``package_search`` action, the REST API and the public search page,
so that all three count the same datasets. It runs as plain SQL on SQLite and PostgreSQL:
themes, keywords and formats are relations, each filter an ``EXISTS`` subquery, each facet
one ``GROUP BY``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from django.contrib.gis.geos import Polygon
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When

from opendata.catalogue import selectors
from opendata.catalogue.fq import FIELDS as FQ_FIELDS
from opendata.catalogue.fq import SearchError, parse_fq
from opendata.catalogue.models import Dataset, DatasetKeyword, Distribution
from opendata.catalogue.search_text import text_condition
from opendata.catalogue.vocabularies import FileFormat, Licence, Theme

FACET_FIELDS = ("groups", "organization", "res_format", "license_id", "tags", "action_field")
DEFAULT_SORT = "score desc, metadata_modified desc"
SORT_FIELDS = {
    "score": "score",
    "metadata_modified": "metadata_modified",
    "metadata_created": "metadata_created",
    "name": "name",
    "title_string": "title",
    "title": "title",
    "id": "id",
}
MAX_ROWS = 1000
# A free-text query's bounds: each word is a condition in SQL (and three in the score), and
# SQLite refuses expressions deeper than 1,000; CKAN's Solr stops at 1,024 clauses.
MAX_QUERY_LENGTH = 4000
MAX_QUERY_WORDS = 100


@dataclass(frozen=True)
class FacetItem:
    name: str
    display_name: str
    count: int


@dataclass
class DatasetQuery:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    fq: str = ""
    sort: str = DEFAULT_SORT
    start: int = 0
    rows: int = 10
    facet_fields: list[str] | tuple[str, ...] = ()
    facet_limit: int = 50
    facet_mincount: int = 1
    bbox: tuple[float, float, float, float] | None = None
    # Multi-select facets (for checkboxes): a field's counts ignore that field's own filter,
    # so that ticking a second theme shows what it would add. CKAN's facets do not do this.
    facets_ignore_own_filter: bool = False


@dataclass
class SearchResult:
    count: int
    datasets: list[Dataset]
    facets: dict[str, list[FacetItem]]
    sort: str


def _theme_filter(codes: list[str]) -> Q:
    through = Dataset.themes.through
    return Q(
        Exists(
            through.objects.filter(
                dataset_id=OuterRef("pk"), datatheme_id__in=[c.upper() for c in codes]
            )
        )
    )


def _keyword_filter(names: list[str]) -> Q:
    return Q(
        Exists(DatasetKeyword.objects.filter(content_object_id=OuterRef("pk"), tag__name__in=names))
    )


def _format_filter(formats: list[str]) -> Q:
    return Q(
        Exists(
            Distribution.objects.filter(
                dataset_id=OuterRef("pk"), format__in=[f.upper() for f in formats]
            )
        )
    )


FILTERS = {
    "groups": _theme_filter,
    "organization": lambda names: Q(publisher__name__in=names),
    "res_format": _format_filter,
    "license_id": lambda codes: Q(licence__in=codes),
    "tags": _keyword_filter,
    "action_field": lambda values: Q(action_field__in=values),
}


def split_query(q: str) -> tuple[list[str], list[str]]:
    """A free-text query as (field:value clauses, plain words). Quoted phrases stay one word;
    ``field:value`` counts as a clause only for a field the filter syntax knows, so that
    "Verkehr: Zählstellen" or an address stays text. ``*:*`` means everything."""
    q = q.strip()
    if not q or q == "*:*":
        return [], []
    raw_terms, current, quoted = [], [], False
    for char in q:
        if char == '"':
            quoted = not quoted
        elif char.isspace() and not quoted:
            if current:
                raw_terms.append("".join(current))
                current = []
            continue
        current.append(char)
    if current:
        raw_terms.append("".join(current))
    clauses, words = [], []
    for raw in raw_terms:
        field_name, colon, value = raw.partition(":")
        if colon and value and field_name in FQ_FIELDS:
            clauses.append(raw)
        elif raw.upper() not in {"AND", "OR"}:
            word = raw.replace('"', "").strip()
            if word:
                words.append(word)
    return clauses, words


def text_terms(q: str) -> list[str]:
    """The plain words of a free-text query (see split_query)."""
    return split_query(q)[1]


def _parse_sort(sort: str, *, has_text: bool) -> list[str]:
    ordering = []
    for part in (sort or DEFAULT_SORT).split(","):
        words = part.split()
        if not words:
            continue
        if len(words) > 2 or words[0] not in SORT_FIELDS:
            raise SearchError(f"Cannot sort by {part.strip()!r}")
        direction = words[1].lower() if len(words) == 2 else "asc"
        if direction not in {"asc", "desc"}:
            raise SearchError(f"Sort direction must be asc or desc, not {words[1]!r}")
        column = SORT_FIELDS[words[0]]
        if column == "score" and not has_text:
            continue  # without a text query every dataset scores the same
        ordering.append(("-" if direction == "desc" else "") + column)
    ordering.append("name")  # a stable order for paging
    return ordering


def matching(query: DatasetQuery) -> QuerySet[Dataset]:
    """The published datasets that match the query, unordered and without prefetching."""
    queryset = Dataset.objects.published()
    if len(query.q) > MAX_QUERY_LENGTH:
        raise SearchError(f"The query is too long (at most {MAX_QUERY_LENGTH} characters)")
    clauses, words = split_query(query.q)
    if len(clauses) + len(words) > MAX_QUERY_WORDS:
        raise SearchError(f"The query has more than {MAX_QUERY_WORDS} words")
    for clause in clauses:
        queryset = queryset.filter(parse_fq(clause))  # CKAN lets q carry field:value
    for term in words:
        queryset = queryset.filter(text_condition(term))
    for name, values in query.filters.items():
        if name not in FILTERS:
            raise SearchError(f"Cannot filter by {name!r}")
        values = [v for v in values if v]
        if values:
            queryset = queryset.filter(FILTERS[name](values))
    if query.fq.strip():
        queryset = queryset.filter(parse_fq(query.fq))
    if query.bbox is not None:
        queryset = queryset.filter(spatial__intersects=_bbox_polygon(query.bbox))
    return queryset


def _bbox_polygon(bbox: tuple[float, float, float, float]) -> Polygon:
    west, south, east, north = bbox
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise SearchError("bbox must be west,south,east,north in degrees, west<east, south<north")
    return Polygon.from_bbox(bbox)


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    try:
        numbers = tuple(float(part) for part in value.split(","))
    except ValueError:
        raise SearchError("bbox must be four numbers: west,south,east,north") from None
    if len(numbers) != 4:
        raise SearchError("bbox must be four numbers: west,south,east,north")
    _bbox_polygon(numbers)
    return numbers


def _sum(parts: list[Any]) -> Any:
    """The sum of expressions as a balanced tree: a chain of a hundred words' scores would
    nest deeper than Python's recursion (compiling it) and SQLite's expression limit."""
    if len(parts) == 1:
        return parts[0]
    middle = len(parts) // 2
    return _sum(parts[:middle]) + _sum(parts[middle:])


def _score(terms: list[str]) -> Any:
    """A relevance score: the exact name or title counts most, then a word in the title, then
    one in a keyword."""
    parts: list[Any] = [Value(0)]
    for term in terms:
        exact = Q(name__iexact=term) | Q(title__iexact=term) | Q(title_en__iexact=term)
        title = Q(title__icontains=term) | Q(title_en__icontains=term)
        keyword = Exists(
            DatasetKeyword.objects.filter(
                content_object_id=OuterRef("pk"), tag__name__icontains=term
            )
        )
        parts += [
            Case(When(exact, then=Value(5)), default=Value(0), output_field=IntegerField()),
            Case(When(title, then=Value(3)), default=Value(0), output_field=IntegerField()),
            Case(When(keyword, then=Value(2)), default=Value(1), output_field=IntegerField()),
        ]
    return _sum(parts)


def dataset_search(query: DatasetQuery) -> SearchResult:
    if not 0 <= query.rows <= MAX_ROWS:
        raise SearchError(f"rows must be between 0 and {MAX_ROWS}")
    if query.start < 0:
        raise SearchError("start must not be negative")
    for name in query.facet_fields:
        if name not in FACET_FIELDS:
            raise SearchError(f"Cannot facet by {name!r}")
    matches = matching(query)
    terms = text_terms(query.q)
    ordering = _parse_sort(query.sort, has_text=bool(terms))
    count = matches.count()
    datasets: list[Dataset] = []
    if query.rows and query.start < count:
        page = matches
        if any(o.lstrip("-") == "score" for o in ordering):
            page = page.annotate(score=_score(terms))
        page_ids = list(
            page.order_by(*ordering).values_list("pk", flat=True)[
                query.start : query.start + query.rows
            ]
        )
        by_id = {d.pk: d for d in selectors.dataset_list_public().filter(pk__in=page_ids)}
        datasets = [by_id[pk] for pk in page_ids if pk in by_id]
    facets = {}
    for name in query.facet_fields:
        counted = matches
        if query.facets_ignore_own_filter and query.filters.get(name):
            others = {key: values for key, values in query.filters.items() if key != name}
            counted = matching(replace(query, filters=others))
        facets[name] = facet_counts(
            counted, name, limit=query.facet_limit, mincount=query.facet_mincount
        )
    return SearchResult(count=count, datasets=datasets, facets=facets, sort=query.sort)


def facet_counts(
    matches: QuerySet[Dataset], name: str, *, limit: int = 50, mincount: int = 1
) -> list[FacetItem]:
    ids = matches.values("pk")
    if name == "groups":
        rows = (
            Dataset.themes.through.objects.filter(dataset_id__in=ids)
            .values_list("datatheme_id")
            .annotate(n=Count("dataset_id"))
        )
        items = [FacetItem(code.lower(), str(Theme(code).label), n) for code, n in rows]
    elif name == "organization":
        rows = (
            Dataset.objects.filter(pk__in=ids)
            .values_list("publisher__name", "publisher__title")
            .annotate(n=Count("pk"))
        )
        items = [FacetItem(slug, title, n) for slug, title, n in rows]
    elif name == "res_format":
        rows = (
            Distribution.objects.filter(dataset_id__in=ids)
            .values_list("format")
            .annotate(n=Count("dataset_id", distinct=True))
        )
        items = [FacetItem(code, _format_label(code), n) for code, n in rows]
    elif name == "license_id":
        rows = Dataset.objects.filter(pk__in=ids).values_list("licence").annotate(n=Count("pk"))
        items = [FacetItem(code, _licence_label(code), n) for code, n in rows]
    elif name == "tags":
        rows = (
            DatasetKeyword.objects.filter(content_object_id__in=ids)
            .values_list("tag__name")
            .annotate(n=Count("content_object_id", distinct=True))
        )
        items = [FacetItem(tag, tag, n) for tag, n in rows]
    elif name == "action_field":
        rows = (
            Dataset.objects.filter(pk__in=ids)
            .exclude(action_field="")
            .values_list("action_field")
            .annotate(n=Count("pk"))
        )
        items = [FacetItem(value, value, n) for value, n in rows]
    else:
        raise SearchError(f"Cannot facet by {name!r}")
    items = [item for item in items if item.count >= mincount]
    items.sort(key=lambda item: (-item.count, item.display_name.lower()))
    return items if limit < 0 else items[:limit]


def _format_label(code: str) -> str:
    return str(FileFormat(code).label) if code in FileFormat.values else code


def _licence_label(code: str) -> str:
    return str(Licence(code).label) if code in Licence.values else code
