"""DCAT-AP.de 3 as RDF, built with rdflib. Only published datasets ever reach these graphs."""

from __future__ import annotations

from collections.abc import Iterable
from weakref import WeakKeyDictionary

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, RDFS, SKOS, XSD

from opendata.catalogue import rdf_contributors
from opendata.catalogue.addresses import distribution_address
from opendata.catalogue.models import DataService, Dataset, Distribution, Publisher
from opendata.catalogue.vocabularies import (
    ACCESS_RIGHT,
    DATA_THEME,
    FILE_TYPE,
    FREQUENCY,
    LICENCES,
    LICENCES_REQUIRING_ATTRIBUTION,
    MEDIA_TYPE,
    MEDIA_TYPES,
    Frequency,
    Licence,
    Theme,
)

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
DCATAP = Namespace("http://data.europa.eu/r5r/")
SPDX = Namespace("http://spdx.org/rdf/terms#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
GSP = Namespace("http://www.opengis.net/ont/geosparql#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
PROV = Namespace("http://www.w3.org/ns/prov#")
AVAILABILITY = "http://publications.europa.eu/resource/authority/planned-availability/"
LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
GEOCODING_LEVEL = "http://dcat-ap.de/def/politicalGeocoding/Level/"

FORMATS = {"ttl": "turtle", "rdf": "xml", "jsonld": "json-ld"}
CONTENT_TYPES = {
    "ttl": "text/turtle; charset=utf-8",
    "rdf": "application/rdf+xml; charset=utf-8",
    "jsonld": "application/ld+json; charset=utf-8",
}


def new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in {
        "dcat": DCAT,
        "dct": DCTERMS,
        "foaf": FOAF,
        "vcard": VCARD,
        "skos": SKOS,
        "dcatde": DCATDE,
        "dcatap": DCATAP,
        "spdx": SPDX,
        "locn": LOCN,
        "gsp": GSP,
        "hydra": HYDRA,
        "owl": OWL,
        "adms": ADMS,
        "prov": PROV,
    }.items():
        graph.bind(prefix, namespace)
    return graph


def base_url() -> str:
    return settings.PORTAL_BASE_URL


def dataset_uri(dataset: Dataset) -> URIRef:
    return URIRef(f"{base_url()}/dataset/{dataset.name}")


def distribution_uri(distribution: Distribution) -> URIRef:
    return URIRef(f"{base_url()}/dataset/{distribution.dataset.name}/resource/{distribution.id}")


def publisher_uri(publisher: Publisher) -> URIRef:
    return URIRef(f"{base_url()}/organization/{publisher.name}")


def catalog_uri() -> URIRef:
    return URIRef(f"{base_url()}/catalog")


def _typed(graph: Graph, uri: str, *classes: URIRef) -> URIRef:
    node = URIRef(uri)
    for cls in classes:
        graph.add((node, RDF.type, cls))
    return node


def _concept(
    graph: Graph, scheme: str, code: str, label: str | Promise, *classes: URIRef
) -> URIRef:
    """A term of a controlled vocabulary, described with its scheme and English label.

    Harvesters and validators check `skos:inScheme`; stating it (as the EU authority tables
    do) lets the output validate without fetching those tables. The label is tagged English
    whatever the reader's language, so it is read in English (and the description stays the
    same for every reader, which lets the catalogue stream keep it).
    """
    with translation.override("en"):
        label = str(label)
    node = _typed(
        graph,
        f"{scheme}/{code}" if not scheme.endswith("/") else scheme + code,
        SKOS.Concept,
        *classes,
    )
    graph.add((node, SKOS.inScheme, URIRef(scheme.rstrip("/"))))
    graph.add((node, SKOS.prefLabel, Literal(label, lang="en")))
    return node


def _language(graph: Graph, code: str) -> URIRef:
    label = {"DEU": "German", "ENG": "English"}[code]
    return _concept(graph, LANGUAGE, code, label, DCTERMS.LinguisticSystem)


def add_publisher(graph: Graph, publisher: Publisher) -> URIRef:
    node = publisher_uri(publisher)
    graph.add((node, RDF.type, FOAF.Organization))
    graph.add((node, RDF.type, FOAF.Agent))
    graph.add((node, FOAF.name, Literal(publisher.title, lang="de")))
    if publisher.title_en:
        graph.add((node, FOAF.name, Literal(publisher.title_en, lang="en")))
    graph.add((node, FOAF.mbox, URIRef(f"mailto:{publisher.email}")))
    if publisher.homepage:
        graph.add((node, FOAF.homepage, _typed(graph, publisher.homepage, FOAF.Document)))
    return node


def add_distribution(graph: Graph, distribution: Distribution) -> URIRef:
    node = distribution_uri(distribution)
    graph.add((node, RDF.type, DCAT.Distribution))
    graph.add((node, DCTERMS.title, Literal(distribution.title, lang="de")))
    if distribution.description:
        graph.add((node, DCTERMS.description, Literal(distribution.description, lang="de")))
    address = distribution_address(distribution)
    graph.add((node, DCAT.accessURL, URIRef(address)))
    if distribution.file or distribution.format != "API":
        graph.add((node, DCAT.downloadURL, URIRef(address)))
    elif service := _access_service(graph, address, distribution.dataset):
        graph.add((node, DCAT.accessService, service))
    graph.add(
        (
            node,
            DCTERMS.format,
            _concept(
                graph,
                FILE_TYPE,
                distribution.format,
                distribution.format,
                DCTERMS.MediaTypeOrExtent,
            ),
        )
    )
    if media_type := MEDIA_TYPES.get(distribution.format):
        graph.add((node, DCAT.mediaType, _typed(graph, MEDIA_TYPE + media_type, DCTERMS.MediaType)))
    licence = _concept(
        graph,
        LICENCES,
        distribution.licence,
        Licence(distribution.licence).label,
        DCTERMS.LicenseDocument,
    )
    graph.add((node, DCTERMS.license, licence))
    if distribution.licence in LICENCES_REQUIRING_ATTRIBUTION:
        attribution = distribution.dataset.attribution or distribution.dataset.publisher.title
        graph.add((node, DCATDE.licenseAttributionByText, Literal(attribution)))
    if distribution.byte_size is not None:
        graph.add(
            (node, DCAT.byteSize, Literal(distribution.byte_size, datatype=XSD.nonNegativeInteger))
        )
    if distribution.checksum_sha256:
        checksum = BNode()
        graph.add((checksum, RDF.type, SPDX.Checksum))
        graph.add(
            (
                checksum,
                SPDX.algorithm,
                _typed(graph, str(SPDX.checksumAlgorithm_sha256), SPDX.ChecksumAlgorithm),
            )
        )
        graph.add(
            (
                checksum,
                SPDX.checksumValue,
                Literal(distribution.checksum_sha256, datatype=XSD.hexBinary),
            )
        )
        graph.add((node, SPDX.checksum, checksum))
    graph.add(
        (
            node,
            DCATAP.availability,
            _concept(
                graph, AVAILABILITY, distribution.availability, distribution.availability.lower()
            ),
        )
    )
    graph.add((node, DCTERMS.modified, Literal(distribution.modified, datatype=XSD.dateTime)))
    return node


def add_provenance(graph: Graph, node: URIRef, dataset: Dataset) -> None:
    """The dataset's lineage: a contributing app may know it better (a sensor stream: its
    newest release, which changes without the dataset's record), else its own text."""
    if rdf_contributors.contributed_provenance(graph, node, dataset) or not dataset.provenance:
        return
    statement = BNode()
    graph.add((statement, RDF.type, DCTERMS.ProvenanceStatement))
    graph.add((statement, RDFS.label, Literal(dataset.provenance, lang="de")))
    graph.add((node, DCTERMS.provenance, statement))


def add_dataset(graph: Graph, dataset: Dataset, *, provenance: bool = True) -> URIRef:
    """A dataset's description; `provenance=False` leaves its lineage to the caller."""
    node = dataset_uri(dataset)
    graph.add((node, RDF.type, DCAT.Dataset))
    graph.add((node, DCTERMS.identifier, Literal(str(dataset.id))))
    graph.add((node, DCTERMS.title, Literal(dataset.title, lang="de")))
    graph.add((node, DCTERMS.description, Literal(dataset.description, lang="de")))
    if dataset.title_en:
        graph.add((node, DCTERMS.title, Literal(dataset.title_en, lang="en")))
    if dataset.description_en:
        graph.add((node, DCTERMS.description, Literal(dataset.description_en, lang="en")))
    graph.add((node, DCTERMS.publisher, add_publisher(graph, dataset.publisher)))

    contact = BNode()
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, RDF.type, VCARD.Kind))
    graph.add((contact, VCARD.fn, Literal(dataset.contact_name)))
    graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{dataset.contact_email}")))
    graph.add((node, DCAT.contactPoint, contact))

    for code in dataset.theme_codes:
        graph.add((node, DCAT.theme, _concept(graph, DATA_THEME, code, Theme(code).label)))
    for keyword in dataset.keyword_names:
        graph.add((node, DCAT.keyword, Literal(keyword, lang="de")))
    graph.add((node, DCTERMS.language, _language(graph, "DEU")))
    if dataset.issued:
        graph.add((node, DCTERMS.issued, Literal(dataset.issued, datatype=XSD.date)))
    modified = dataset.modified or dataset.metadata_modified
    graph.add((node, DCTERMS.modified, Literal(modified, datatype=XSD.dateTime)))
    if dataset.accrual_periodicity:
        graph.add(
            (
                node,
                DCTERMS.accrualPeriodicity,
                _concept(
                    graph,
                    FREQUENCY,
                    dataset.accrual_periodicity,
                    Frequency(dataset.accrual_periodicity).label,
                    DCTERMS.Frequency,
                ),
            )
        )
    if dataset.temporal_start or dataset.temporal_end:
        period = BNode()
        graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
        if dataset.temporal_start:
            graph.add((period, DCAT.startDate, Literal(dataset.temporal_start, datatype=XSD.date)))
        if dataset.temporal_end:
            graph.add((period, DCAT.endDate, Literal(dataset.temporal_end, datatype=XSD.date)))
        graph.add((node, DCTERMS.temporal, period))
    if dataset.spatial:
        location = BNode()
        graph.add((location, RDF.type, DCTERMS.Location))
        graph.add(
            (location, DCAT.bbox, Literal(dataset.spatial.envelope.wkt, datatype=GSP.wktLiteral))
        )
        graph.add(
            (
                location,
                DCAT.centroid,
                Literal(dataset.spatial.centroid.wkt, datatype=GSP.wktLiteral),
            )
        )
        graph.add((node, DCTERMS.spatial, location))
    if dataset.political_geocoding_uri:
        # DCAT-AP.de 3 names the municipality as a spatial URI (politicalGeocodingURI is
        # deprecated) and states the level.
        graph.add(
            (
                node,
                DCTERMS.spatial,
                _typed(graph, dataset.political_geocoding_uri, DCTERMS.Location),
            )
        )
        graph.add(
            (
                node,
                DCATDE.politicalGeocodingLevelURI,
                _concept(graph, GEOCODING_LEVEL, "municipality", "municipality"),
            )
        )
    if dataset.landing_page:
        graph.add((node, DCAT.landingPage, _typed(graph, dataset.landing_page, FOAF.Document)))
    graph.add(
        (
            node,
            DCTERMS.accessRights,
            _concept(
                graph,
                ACCESS_RIGHT,
                dataset.access_rights,
                dataset.access_rights.lower(),
                DCTERMS.RightsStatement,
            ),
        )
    )
    if provenance:
        add_provenance(graph, node, dataset)
    if dataset.version:
        graph.add((node, URIRef(f"{DCAT}version"), Literal(dataset.version)))
    for distribution in dataset.distributions.all():
        graph.add((node, DCAT.distribution, add_distribution(graph, distribution)))
    return node


def add_catalog(graph: Graph) -> URIRef:
    node = catalog_uri()
    graph.add((node, RDF.type, DCAT.Catalog))
    city = settings.PORTAL_CITY_NAME
    graph.add((node, DCTERMS.title, Literal(f"Offene Daten {city}", lang="de")))
    graph.add((node, DCTERMS.title, Literal(f"Open data of {city}", lang="en")))
    graph.add(
        (
            node,
            DCTERMS.description,
            Literal(
                f"Offene Daten und Sensordaten der Stadt {city}, "
                "anonymisiert vor der Veröffentlichung.",
                lang="de",
            ),
        )
    )
    graph.add(
        (
            node,
            DCTERMS.description,
            Literal(
                f"Open data and sensor data of the City of {city}, anonymised before publication.",
                lang="en",
            ),
        )
    )
    graph.add((node, FOAF.homepage, _typed(graph, f"{base_url()}/", FOAF.Document)))
    graph.add((node, DCTERMS.language, _language(graph, "DEU")))
    graph.add((node, DCTERMS.language, _language(graph, "ENG")))
    publisher = Publisher.objects.filter(department__slug="smart-city").first()
    if publisher is None:
        publisher = Publisher.objects.order_by("title").first()
    if publisher is not None:
        graph.add((node, DCTERMS.publisher, add_publisher(graph, publisher)))
    return node


def _absolute(address: str) -> str:
    return address if "://" in address else f"{base_url()}{address}"


def service_uri(service: DataService) -> URIRef:
    return URIRef(f"{base_url()}/service/{service.name}")


def add_service(graph: Graph, service: DataService, datasets: Iterable[Dataset] = ()) -> URIRef:
    """One of the portal's APIs (dcat:DataService), with the datasets of this page it serves."""
    node = service_uri(service)
    graph.add((node, RDF.type, DCAT.DataService))
    graph.add((node, DCTERMS.title, Literal(service.title, lang="de")))
    if service.title_en:
        graph.add((node, DCTERMS.title, Literal(service.title_en, lang="en")))
    if service.description:
        graph.add((node, DCTERMS.description, Literal(service.description, lang="de")))
    if service.description_en:
        graph.add((node, DCTERMS.description, Literal(service.description_en, lang="en")))
    graph.add((node, DCAT.endpointURL, URIRef(_absolute(service.endpoint_path))))
    if service.endpoint_description_path:
        graph.add(
            (node, DCAT.endpointDescription, URIRef(_absolute(service.endpoint_description_path)))
        )
    if service.conforms_to:
        graph.add((node, DCTERMS.conformsTo, _typed(graph, service.conforms_to, DCTERMS.Standard)))
    licence = _concept(
        graph,
        LICENCES,
        service.licence,
        Licence(service.licence).label,
        DCTERMS.LicenseDocument,
    )
    graph.add((node, DCTERMS.license, licence))
    graph.add(
        (
            node,
            DCTERMS.accessRights,
            _concept(
                graph,
                ACCESS_RIGHT,
                service.access_rights,
                service.access_rights.lower(),
                DCTERMS.RightsStatement,
            ),
        )
    )
    graph.add((node, DCTERMS.publisher, add_publisher(graph, service.publisher)))
    served = datasets
    if not service.serves_all_datasets:  # only those described in this graph
        chosen = set(service.serves_datasets.published().values_list("pk", flat=True))
        served = [dataset for dataset in datasets if dataset.pk in chosen]
    for dataset in served:
        graph.add((node, DCAT.servesDataset, dataset_uri(dataset)))
    return node


def published_services():
    return DataService.objects.filter(is_published=True).select_related("publisher")


# The published services, looked up once per graph (API distributions name theirs by address).
_services_of_graph: WeakKeyDictionary[Graph, list[DataService]] = WeakKeyDictionary()


def _access_service(graph: Graph, address: str, dataset: Dataset) -> URIRef | None:
    """The portal's data service whose endpoint the address lies under, described once."""
    if graph not in _services_of_graph:
        _services_of_graph[graph] = list(published_services())
    for service in _services_of_graph[graph]:
        if address.startswith(_absolute(service.endpoint_path)):
            node = service_uri(service)
            if (node, RDF.type, DCAT.DataService) not in graph:
                add_service(graph, service, [dataset])
            return node
    return None


def catalog_graph(datasets: Iterable[Dataset], *, services: bool = True) -> Graph:
    graph = new_graph()
    catalog = add_catalog(graph)
    datasets = list(datasets)
    rdf_contributors.contributions_prefetch(datasets)
    for dataset in datasets:
        graph.add((catalog, DCAT.dataset, add_dataset(graph, dataset)))
    if services:
        for service in published_services():
            graph.add((catalog, DCAT.service, add_service(graph, service, datasets)))
    return graph


def dataset_graph(dataset: Dataset) -> Graph:
    graph = new_graph()
    add_dataset(graph, dataset)
    return graph


def turtle_body(graph: Graph, known_prefixes: set[str]) -> str:
    """The graph as Turtle without the prefix lines that the document's head declares already."""
    turtle = graph.serialize(format="turtle")
    return "\n".join(line for line in turtle.splitlines() if line not in known_prefixes)


def prefix_lines(graph: Graph) -> list[str]:
    return [f"@prefix {prefix}: <{namespace}> ." for prefix, namespace in graph.namespaces()]


def dataset_description_turtle(
    dataset: Dataset, services: list[DataService], known_prefixes: set[str]
) -> str:
    """A dataset's description without its lineage, for a document that describes `services`.

    The services' own descriptions are left to the document: an API distribution only links
    to its service. Nothing in it depends on the reader's language.
    """
    graph = new_graph()
    _services_of_graph[graph] = services
    described_elsewhere = [
        (service_uri(service), RDF.type, DCAT.DataService) for service in services
    ]
    for triple in described_elsewhere:
        graph.add(triple)
    add_dataset(graph, dataset, provenance=False)
    for triple in described_elsewhere:
        graph.remove(triple)
    return turtle_body(graph, known_prefixes)
