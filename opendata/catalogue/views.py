"""DCAT-AP.de RDF endpoints: the whole catalogue (Hydra-paged) and single datasets."""

from __future__ import annotations

from django.core.paginator import EmptyPage, Paginator
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    StreamingHttpResponse,
)
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from opendata.catalogue import rdf, rdf_stream, selectors

PAGE_SIZE = 100


def _serialize(graph, extension: str) -> HttpResponse:
    body = graph.serialize(format=rdf.FORMATS[extension])
    return HttpResponse(body, content_type=rdf.CONTENT_TYPES[extension])


def catalog(request: HttpRequest, extension: str) -> HttpResponse:
    if request.GET.get("page") == "all":
        if extension != "ttl":
            return HttpResponseBadRequest(
                "The whole catalogue in one response is available as Turtle: /catalog.ttl?page=all",
                content_type="text/plain",
            )
        return StreamingHttpResponse(
            rdf_stream.catalog_turtle_stream(), content_type=rdf.CONTENT_TYPES["ttl"]
        )
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        return HttpResponseBadRequest("page must be a whole number", content_type="text/plain")
    paginator = Paginator(selectors.dataset_list_public(), PAGE_SIZE)
    try:
        page = paginator.page(number)
    except EmptyPage:
        raise Http404("no such page") from None
    graph = rdf.catalog_graph(page.object_list)
    _add_hydra_paging(graph, request, extension, page)
    return _serialize(graph, extension)


def _add_hydra_paging(graph, request, extension, page) -> None:
    base = f"{rdf.base_url()}/catalog.{extension}"
    node = URIRef(f"{base}?page={page.number}")
    graph.add((node, RDF.type, rdf.HYDRA.PagedCollection))
    graph.add((node, rdf.HYDRA.totalItems, Literal(page.paginator.count, datatype=XSD.integer)))
    graph.add((node, rdf.HYDRA.itemsPerPage, Literal(PAGE_SIZE, datatype=XSD.integer)))
    graph.add((node, rdf.HYDRA.firstPage, Literal(f"{base}?page=1")))
    graph.add((node, rdf.HYDRA.lastPage, Literal(f"{base}?page={page.paginator.num_pages}")))
    if page.has_next():
        graph.add((node, rdf.HYDRA.nextPage, Literal(f"{base}?page={page.next_page_number()}")))
    if page.has_previous():
        graph.add(
            (node, rdf.HYDRA.previousPage, Literal(f"{base}?page={page.previous_page_number()}"))
        )


def dataset(request: HttpRequest, name: str, extension: str) -> HttpResponse:
    found = selectors.dataset_get_public(name=name)
    if found is None:
        raise Http404("no such dataset")
    return _serialize(rdf.dataset_graph(found), extension)
