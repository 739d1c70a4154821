"""Harvesting a DCAT-AP(.de) catalogue: Turtle, RDF/XML or JSON-LD, Hydra-paged.

Pages are followed through ``hydra:nextPage`` (Hydra's older paged collections, which
DCAT-AP.de catalogues use) or ``hydra:next`` (``hydra:view`` of newer ones). The remote
identifier is ``dct:identifier``, or the dataset's URI when it has none.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from django.utils.translation import gettext as _
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF
from rdflib.plugins.shared.jsonld import context as jsonld_context

from opendata.catalogue.rdf import HYDRA, VCARD
from opendata.catalogue.vocabularies import DATA_THEME, FREQUENCY, Frequency, Theme
from opendata.harvest.importing import (
    DatasetValues,
    JobLog,
    PublisherRef,
    RecordSkipped,
    dataset_name,
    format_code,
    licence_code,
)
from opendata.harvest.models import HarvestSource
from opendata.harvest.remote import HarvestFailed, fetch

MAX_PAGES = 1000
ACCEPT = "text/turtle, application/rdf+xml;q=0.9, application/ld+json;q=0.8"
PARSERS = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/ld+json": "json-ld",
    "application/json": "json-ld",
    "application/n-triples": "nt",
}
EXTENSIONS = {".ttl": "turtle", ".rdf": "xml", ".xml": "xml", ".jsonld": "json-ld", ".nt": "nt"}


def parser_for(content_type: str, url: str) -> str:
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type in PARSERS:
        return PARSERS[media_type]
    path = urlsplit(url).path.lower()
    for extension, parser in EXTENSIONS.items():
        if path.endswith(extension):
            return parser
    raise HarvestFailed(
        _("The source answered with “%(type)s”, which is not an RDF format (%(url)s).")
        % {"type": media_type or "–", "url": url}
    )


def page_fetch(source: HarvestSource, url: str) -> Graph:
    response = fetch(url, timeout=source.timeout_seconds, accept=ACCEPT)
    parser = parser_for(response.headers.get("Content-Type", ""), response.url)
    if parser == "json-ld":
        _refuse_remote_contexts(response.content, url)
    graph = Graph()
    try:
        graph.parse(data=response.content, format=parser, publicID=response.url)
    except HarvestFailed:
        raise
    except Exception as exc:  # rdflib raises many kinds, all meaning "not parseable"
        raise _unreadable(parser, url, exc) from None
    return graph


def _unreadable(parser: str, url: str, exc: BaseException) -> HarvestFailed:
    return HarvestFailed(
        _("The source's RDF (%(format)s) could not be read (%(url)s): %(error)s")
        % {"format": parser, "url": url, "error": str(exc)[:200] or exc.__class__.__name__}
    )


def _remote_context(document: Any) -> str | None:
    """The first context the document gives by address (``@context`` as a string, in a
    list or in a term definition, or ``@import``), or None when every context is inline.

    Walks without recursion, so that deep nesting cannot exhaust the stack.
    """
    stack = [document]
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, dict):
            for key, inner in value.items():
                if key == "@import":
                    return str(inner)
                if key == "@context":
                    for entry in inner if isinstance(inner, list) else [inner]:
                        if isinstance(entry, str):
                            return entry
                stack.append(inner)
    return None


def _refuse_remote_contexts(content: bytes, url: str) -> None:
    """A JSON-LD document that names a context by address is refused: rdflib would fetch it
    itself, past every check of ``fetch``, and read local files (``file:``) too."""
    try:
        document = json.loads(content)
    except (ValueError, RecursionError) as exc:
        raise _unreadable("json-ld", url, exc) from None
    context = _remote_context(document)
    if context is not None:
        raise HarvestFailed(
            _(
                "The source's JSON-LD refers to a context by address (%(context)s); "
                "only inline contexts are read (%(url)s)."
            )
            % {"context": context[:100], "url": url}
        )


def json_ld_context_fetching_refuse() -> None:
    """Switch off rdflib's fetching of JSON-LD contexts in this process (called once at
    start-up). The check above gives editors a clear message; this keeps a context that the
    check missed from being read anyway, from the network or from a local file."""

    def refuse(source: Any, *args: Any, **kwargs: Any) -> Any:
        raise HarvestFailed(
            _(
                "The source's JSON-LD refers to a context by address (%(context)s); "
                "only inline contexts are read (%(url)s)."
            )
            % {"context": str(source)[:100], "url": "–"}
        )

    jsonld_context.source_to_json = refuse


def next_page(graph: Graph, url: str) -> str | None:
    for predicate in (HYDRA.nextPage, HYDRA.next):
        for value in graph.objects(None, predicate):
            return urljoin(url, str(value))
    return None


def _texts(graph: Graph, node, predicate) -> dict[str, str]:
    """Literals of a predicate by language ("" for none); the first per language wins."""
    result: dict[str, str] = {}
    for value in graph.objects(node, predicate):
        if isinstance(value, Literal):
            result.setdefault((value.language or "").lower()[:2], str(value).strip())
    return result


def _german(texts: dict[str, str]) -> str:
    return texts.get("de") or texts.get("") or next(iter(texts.values()), "")


def _date(value: Any) -> date | None:
    if isinstance(value, Literal):
        value = value.toPython()
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None


def _datetime(value: Any) -> datetime | None:
    if isinstance(value, Literal):
        value = value.toPython()
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    return None


def _mail(value: Any) -> str:
    return str(value or "").removeprefix("mailto:").strip()


def _last_segment(node) -> str:
    if not isinstance(node, URIRef):
        return ""
    return str(node).rstrip("/").rsplit("/", 1)[-1].split("#")[-1]


def _publisher(graph: Graph, node) -> PublisherRef:
    agent = graph.value(node, DCTERMS.publisher)
    if agent is None:
        return PublisherRef()
    names = _texts(graph, agent, FOAF.name)
    title = _german(names)
    return PublisherRef(
        name=_last_segment(agent) or title,
        title=title,
        email=_mail(graph.value(agent, FOAF.mbox)),
    )


def _distribution(graph: Graph, node, fallback_licence: str | None) -> dict[str, Any] | None:
    url = graph.value(node, DCAT.downloadURL) or graph.value(node, DCAT.accessURL)
    if url is None:
        return None
    fmt = graph.value(node, DCTERMS.format)
    code = format_code(str(fmt)) if fmt is not None else None
    if code is None and (media := graph.value(node, DCAT.mediaType)) is not None:
        code = format_code(str(media).split("/media-types/", 1)[-1])
    licence = graph.value(node, DCTERMS.license)
    return {
        "url": str(url)[:500],
        "title": _german(_texts(graph, node, DCTERMS.title))[:250],
        "description": _german(_texts(graph, node, DCTERMS.description)),
        "format": code,
        "format_raw": str(fmt or "–"),
        "licence": licence_code(str(licence)) if licence is not None else fallback_licence,
        "licence_raw": str(licence) if licence is not None else "",
    }


def dataset_values(graph: Graph, node) -> tuple[DatasetValues, list[str]]:
    """A dcat:Dataset node as dataset values, with notes on what was left out."""
    identifier = graph.value(node, DCTERMS.identifier)
    if identifier is not None and str(identifier).strip():
        remote_id = str(identifier).strip()
    elif isinstance(node, URIRef):
        remote_id = str(node)
    else:
        raise RecordSkipped("identifier", _("The dataset has neither an identifier nor a URI."))
    titles = _texts(graph, node, DCTERMS.title)
    descriptions = _texts(graph, node, DCTERMS.description)
    title = _german(titles)
    name = dataset_name(_last_segment(node), title)
    if not title or not name:
        raise RecordSkipped("title", _("The dataset has no title."))

    notes: list[str] = []
    distributions = []
    licences = []
    for distribution_node in graph.objects(node, DCAT.distribution):
        spec = _distribution(graph, distribution_node, None)
        if spec is None:
            continue
        if spec["licence_raw"] and spec["licence"] is None:
            raise RecordSkipped(
                "license",
                _("The licence “%(licence)s” is not one of the catalogue's licences.")
                % {"licence": spec["licence_raw"]},
            )
        if spec["format"] is None:
            notes.append(spec["format_raw"])
            continue
        if spec["licence"]:
            licences.append(spec["licence"])
        distributions.append(spec)
    dataset_licence = graph.value(node, DCTERMS.license)
    licence = licence_code(str(dataset_licence)) if dataset_licence is not None else None
    licence = licence or (licences[0] if licences else None)
    if licence is None:
        raise RecordSkipped("license", _("The dataset names no licence the catalogue knows."))
    for spec in distributions:
        spec["licence"] = spec["licence"] or licence
        spec.pop("format_raw")
        spec.pop("licence_raw")

    fields: dict[str, Any] = {
        "title": title[:250],
        "title_en": titles.get("en", "")[:250] if titles.get("en") != title else "",
        "description": _german(descriptions) or title,
        "description_en": descriptions.get("en", "")
        if descriptions.get("en") != _german(descriptions)
        else "",
        "licence": licence,
    }
    contact = graph.value(node, DCAT.contactPoint)
    if contact is not None:
        fields["contact_name"] = _german(_texts(graph, contact, VCARD.fn))[:150]
        fields["contact_email"] = _mail(graph.value(contact, VCARD.hasEmail))
    frequency = _last_segment(graph.value(node, DCTERMS.accrualPeriodicity))
    if str(graph.value(node, DCTERMS.accrualPeriodicity) or "").startswith(FREQUENCY):
        fields["accrual_periodicity"] = frequency if frequency in Frequency.values else ""
    if issued := _date(graph.value(node, DCTERMS.issued)):
        fields["issued"] = issued
    if modified := _datetime(graph.value(node, DCTERMS.modified)):
        fields["modified"] = modified
    period = graph.value(node, DCTERMS.temporal)
    if period is not None:
        start = graph.value(period, DCAT.startDate)
        end = graph.value(period, DCAT.endDate)
        fields["temporal_start"] = _date(start)
        fields["temporal_end"] = _date(end)
    landing = graph.value(node, DCAT.landingPage)
    if isinstance(landing, URIRef):
        fields["landing_page"] = str(landing)
    version = graph.value(node, URIRef(f"{DCAT}version"))
    if version is not None:
        fields["version"] = str(version)[:40]

    themes = sorted(
        {
            str(theme)[len(DATA_THEME) :]
            for theme in graph.objects(node, DCAT.theme)
            if str(theme).startswith(DATA_THEME) and str(theme)[len(DATA_THEME) :] in Theme.values
        }
    )
    keyword_texts = [v for v in graph.objects(node, DCAT.keyword) if isinstance(v, Literal)]
    german = [v for v in keyword_texts if (v.language or "de").lower().startswith("de")]
    keywords = sorted({str(v).strip()[:100] for v in (german or keyword_texts)} - {""})
    return (
        DatasetValues(
            remote_id=remote_id,
            name=name,
            fields=fields,
            publisher=_publisher(graph, node),
            themes=themes,
            keywords=keywords,
            distributions=distributions,
        ),
        notes,
    )


def dcat_records_gather(*, source: HarvestSource, log: JobLog) -> list[DatasetValues]:
    """All datasets of all pages, each once (by remote identifier)."""
    records: dict[str, DatasetValues] = {}
    url: str | None = source.url
    visited: set[str] = set()
    while url is not None:
        if url in visited:
            break
        if len(visited) >= MAX_PAGES:
            raise HarvestFailed(_("The source returned more than %(n)s pages.") % {"n": MAX_PAGES})
        visited.add(url)
        graph = page_fetch(source, url)
        for node in sorted(set(graph.subjects(RDF.type, DCAT.Dataset)), key=str):
            label = _last_segment(node) or (str(node) if not isinstance(node, BNode) else "–")
            try:
                values, notes = dataset_values(graph, node)
            except RecordSkipped as skipped:
                log.skip(label, skipped.field, skipped.message)
                continue
            for fmt in notes:
                log.error(
                    label,
                    "distribution",
                    _("A distribution in the format “%(format)s” was left out: unknown format.")
                    % {"format": fmt},
                )
            records.setdefault(values.remote_id, values)
        url = next_page(graph, url)
    return list(records.values())
