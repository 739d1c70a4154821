"""``parse_fq``: the CKAN filter-query syntax, case by case, against its contract.

Each valid case names the datasets of a small world of its own (built with factories, no demo
content) that the filter selects when applied to the datasets; each invalid case names the
fragment of the ``SearchError`` message that tells the client what is wrong. Nothing here
looks at the shape of what ``parse_fq`` returns, so the table holds for any parser that keeps
the contract: it returns a filter for ``Dataset.objects.filter(...)``, and raises
``SearchError`` (a ``ValueError``) naming the problem, never ignoring a filter silently.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.apps import apps

from opendata.catalogue.fq import SearchError, parse_fq
from tests.factories import DatasetFactory, DistributionFactory, PublisherFactory

pytestmark = pytest.mark.django_db

LONG_AGO = datetime(2020, 6, 15, 12, 0, tzinfo=UTC)

BUS, AIR, PARKING, BUDGET, OTHER = "fx-bus", "fx-air", "fx-parking", "fx-budget", "fx-other"
ALL = {BUS, AIR, PARKING, BUDGET, OTHER}
RECENT = ALL - {BUDGET}


@pytest.fixture
def world() -> dict[str, str]:
    """Five datasets of two publishers; returns what the cases' <placeholders> stand for."""
    traffic = PublisherFactory(name="fx-verkehrsamt")
    environment = PublisherFactory(name="fx-umweltamt")
    made = {
        BUS: DatasetFactory(
            name=BUS,
            title="Busverkehr Haltestellen",
            publisher=traffic,
            themes=["TRAN"],
            keywords=["Verkehr", "ÖPNV"],
            licence="dl-by-de/2.0",
            action_field="mobility",
        ),
        AIR: DatasetFactory(
            name=AIR,
            title="Luftqualität Messwerte",
            publisher=environment,
            themes=["ENVI"],
            keywords=["Umwelt"],
            licence="cc-by/4.0",
            action_field="environment",
        ),
        PARKING: DatasetFactory(
            name=PARKING,
            title="Parkhäuser Belegung",
            publisher=traffic,
            themes=["TRAN", "ECON"],
            keywords=["Verkehr"],
            licence="dl-zero-de/2.0",
            action_field="mobility",
        ),
        BUDGET: DatasetFactory(
            name=BUDGET,
            title="Haushaltsplan",
            publisher=environment,
            themes=["ECON"],
            licence="cc-zero",
        ),
        OTHER: DatasetFactory(name=OTHER, title="Sonstiges", publisher=environment),
    }
    for name, formats in {BUS: ["CSV", "GEOJSON"], AIR: ["CSV"], PARKING: ["JSON"]}.items():
        for file_format in formats:
            DistributionFactory(dataset=made[name], format=file_format)
    DistributionFactory(dataset=made[BUDGET], format="PDF")
    # An old record: created and last changed in June 2020.
    dataset_model = apps.get_model("catalogue", "Dataset")
    dataset_model.objects.filter(pk=made[BUDGET].pk).update(
        metadata_created=LONG_AGO, metadata_modified=LONG_AGO
    )
    return {
        "bus_id": str(made[BUS].pk),
        "traffic_id": str(traffic.pk),
        "long": "x" * 4001,
    }


def filled(text: str, world: dict[str, str]) -> str:
    for placeholder, value in world.items():
        text = text.replace(f"<{placeholder}>", value)
    return text


def selected(text: str) -> set[str]:
    """The names of this world's datasets that the filter selects."""
    dataset_model = apps.get_model("catalogue", "Dataset")
    queryset = dataset_model.objects.filter(name__in=ALL).filter(parse_fq(text))
    return set(queryset.values_list("name", flat=True))


VALID = [
    # everything and nothing
    ("", ALL),
    ("   ", ALL),
    ("*:*", ALL),
    ("NOT *:*", set()),
    ("-organization:*", set()),
    # name: exact, prefix, any, quoted, escaped
    ("name:fx-bus", {BUS}),
    ("name:fx-p*", {PARKING}),
    ("name:*", ALL),
    ("name:fx-nothing", set()),
    ('name:"fx-air"', {AIR}),
    (r"name:fx\-bus", {BUS}),
    ("name:FX-BUS", set()),
    # publisher by name and by id
    ("organization:fx-verkehrsamt", {BUS, PARKING}),
    ("organization:fx-umwelt*", {AIR, BUDGET, OTHER}),
    ("owner_org:<traffic_id>", {BUS, PARKING}),
    ("owner_org:not-a-uuid", set()),
    ("id:<bus_id>", {BUS}),
    ("id:not-a-uuid", set()),
    ("id:*", ALL),
    # themes: case-insensitive codes, groups, negation, side by side
    ("groups:tran", {BUS, PARKING}),
    ("groups:TRAN", {BUS, PARKING}),
    ("groups:econ", {PARKING, BUDGET}),
    ("groups:*", ALL - {OTHER}),
    ("groups:(tran OR envi)", {BUS, PARKING, AIR}),
    ("groups:(tran econ)", {PARKING}),
    ("groups:tran AND groups:econ", {PARKING}),
    ("groups:tran groups:econ", {PARKING}),
    ("groups:tran && groups:econ", {PARKING}),
    ("groups:tran OR groups:envi", {BUS, PARKING, AIR}),
    ("groups:envi || groups:econ", {AIR, PARKING, BUDGET}),
    ("-groups:tran", {AIR, BUDGET, OTHER}),
    ("NOT groups:tran", {AIR, BUDGET, OTHER}),
    ("+groups:envi", {AIR}),
    ("((groups:tran))", {BUS, PARKING}),
    ("(groups:tran OR groups:envi) AND -organization:fx-umweltamt", {BUS, PARKING}),
    ("groups:tran -name:fx-bus", {PARKING}),
    # keywords
    ("tags:Verkehr", {BUS, PARKING}),
    ("tags:Verk*", {BUS, PARKING}),
    ('tags:"ÖPNV"', {BUS}),
    ("tags:*", {BUS, AIR, PARKING}),
    ("tags:Nirgendwo", set()),
    # formats of the distributions, case-insensitive
    ("res_format:csv", {BUS, AIR}),
    ("res_format:GeoJSON", {BUS}),
    ("res_format:(pdf OR json)", {PARKING, BUDGET}),
    ("res_format:*", ALL - {OTHER}),
    # licence and action field
    ("license_id:cc-by/4.0", {AIR}),
    ("license_id:dl-*", {BUS, PARKING, OTHER}),  # the other has the default licence
    ("action_field:mobility", {BUS, PARKING}),
    ("action_field:*", ALL),
    # text and title
    ("text:luftqualität", {AIR}),
    ("text:LUFTQUALITÄT", {AIR}),
    ("text:*", ALL),
    ("Haushaltsplan", {BUDGET}),
    ("Busverkehr groups:tran", {BUS}),
    ("title:Parkh*", {PARKING}),
    ("title:*", ALL),
    ('title:"Luftqualität Messwerte"', {AIR}),
    # CKAN's constant fields: every dataset is a public, active dataset
    ("dataset_type:dataset", ALL),
    ("dataset_type:harvest", set()),
    ("type:dataset", ALL),
    ("state:active", ALL),
    ("state:deleted", set()),
    ("capacity:public", ALL),
    ("private:false", ALL),
    ("private:true", set()),
    # dates: days, ranges inclusive and exclusive, open ends, date math
    ("metadata_modified:2020-06-15", {BUDGET}),
    ("metadata_modified:[2020-01-01 TO 2020-12-31]", {BUDGET}),
    ("metadata_modified:[* TO 2021-01-01T00:00:00Z]", {BUDGET}),
    ("metadata_modified:[2020-06-15T12:00:00Z TO *]", ALL),
    ("metadata_modified:{2020-06-15T12:00:00Z TO *]", RECENT),
    ("metadata_modified:[2020-01-01 TO 2020-06-15T12:00:00Z}", set()),
    ("metadata_modified:[NOW-1DAY TO *]", RECENT),
    ("metadata_modified:[NOW/DAY-7DAYS TO NOW+1DAY]", RECENT),
    ("metadata_modified:[NOW-100YEARS TO NOW-1YEAR]", {BUDGET}),
    ("metadata_modified:[NOW+1DAY TO *]", set()),
    ("metadata_modified:*", ALL),
    ("metadata_created:[* TO NOW-1MONTH]", {BUDGET}),
    ("-metadata_created:[* TO NOW-1MONTH]", RECENT),
]

INVALID = [
    ("nonsense:value", "Unknown field 'nonsense'"),
    ("nonsense:(a OR b)", "Unknown field 'nonsense'"),
    ('nonsense:"a phrase"', "Unknown field 'nonsense'"),
    ("groups:(tran", "ends too early"),
    ("groups:(tran OR", "ends too early"),
    ("groups:tran OR", "ends too early"),
    ("NOT", "ends too early"),
    ("groups:", "Missing value after groups:"),
    ("groups:)", "Missing value after groups:"),
    ("groups:tran)", "Unexpected ')'"),
    (")", "Unexpected ')'"),
    ("]", "Unexpected ']'"),
    ("}", "Unexpected '}'"),
    ("OR groups:tran", "Unexpected OR"),
    ('title:"unclosed', "Unclosed quotation mark"),
    ("metadata_modified:[2020-01-01 TO", "Malformed range"),
    ("metadata_modified:[2020-01-01]", "Malformed range"),
    ("name:[a TO b]", "Ranges are not supported on name"),
    ("groups:[a TO b]", "Ranges are not supported"),
    ("title:[a TO b]", "Ranges are not supported on title"),
    ("id:[a TO b]", "Ranges are not supported"),
    ("metadata_modified:yesterday", "Cannot read the date"),
    ("metadata_modified:2020-13-45", "Cannot read the date"),
    ("metadata_modified:[NOW-7WEEKS TO NOW]", "Cannot read the date"),
    ("metadata_created:[2020-01-01 TO tomorrow]", "Cannot read the date"),
    ("<long>", "too long"),
    # Hostile input: refused, never a RecursionError, an overflow or SQL too deep to run.
    ("(" * 300 + "name:x" + ")" * 300, "nests parentheses more than 20 deep"),
    ("groups:" + "(" * 30 + "tran" + ")" * 30, "nests parentheses more than 20 deep"),
    ("metadata_modified:[NOW+100000YEARS TO *]", "out of range"),
    ("metadata_modified:[NOW-10000YEARS TO NOW]", "out of range"),
    ("metadata_created:[NOW+99999999999999999999DAYS TO *]", "out of range"),
    ("w " * 201, "more than 200 conditions"),
    ("tags:(" + " OR ".join(f"t{i}" for i in range(201)) + ")", "more than 200 conditions"),
]


@pytest.mark.parametrize(("text", "expected"), VALID, ids=[case[0] or "empty" for case in VALID])
def test_valid_filter_selects(world, text, expected):
    assert selected(filled(text, world)) == expected


@pytest.mark.parametrize(("text", "fragment"), INVALID, ids=[case[0][:40] for case in INVALID])
def test_invalid_filter_is_refused_naming_the_problem(world, text, fragment):
    with pytest.raises(SearchError) as refused:
        selected(filled(text, world))
    assert fragment in str(refused.value)
    assert isinstance(refused.value, ValueError)  # callers answer ValueErrors as bad requests
