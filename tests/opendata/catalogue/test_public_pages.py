"""The public catalogue pages: search with facets, dataset pages, previews, exports, drafts."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone, translation

from opendata.catalogue import history, services
from opendata.catalogue.models import Dataset, Distribution, Publisher
from opendata.catalogue.public.quality import dataset_quality

pytestmark = pytest.mark.django_db

CANARY = "Kanarienvogel-Entwurf-7731"


def url(route: str, language: str = "de", /, **kwargs) -> str:
    with translation.override(language):
        return reverse(route, kwargs=kwargs or None)


_created_files: list = []


@pytest.fixture(autouse=True)
def _remove_created_files():
    """Files written by a test stay on disk after its rollback: delete them."""
    yield
    while _created_files:
        stored = _created_files.pop()
        stored.storage.delete(stored.name)


def _dataset(name: str, *, state: str, title: str, files: dict[str, bytes], **fields) -> Dataset:
    publisher = Publisher.objects.order_by("name").first()
    dataset = Dataset(
        name=name,
        state=state,
        title=title,
        description=fields.pop("description", f"Beschreibung von {title}."),
        publisher=publisher,
        contact_name="Team Daten",
        contact_email="daten@lindenhafen.example",
        **fields,
    )
    distributions = []
    for position, (filename, content) in enumerate(files.items()):
        file_format = "GEOJSON" if filename.endswith(".geojson") else "CSV"
        distribution = Distribution(
            title=f"{title} {filename}",
            format=file_format,
            licence=dataset.licence,
            position=position,
        )
        distribution.file.save(filename, ContentFile(content), save=False)
        _created_files.append(distribution.file)
        distributions.append(distribution)
    dataset.distributions = distributions
    services.dataset_save(dataset=dataset)
    return dataset


@pytest.fixture
def canary(demo_city):
    """A draft whose title must never appear on a public page or in a download."""
    return _dataset(
        "kanarienvogel-entwurf",
        state=Dataset.State.DRAFT,
        title=CANARY,
        files={"kanarienvogel.csv": f"name,wert\n{CANARY},1\n".encode()},
    )


def _body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


# --- search ------------------------------------------------------------------------------------


def test_search_lists_every_published_dataset(client, demo_city):
    published = set(Dataset.objects.published().values_list("name", flat=True))
    assert len(published) > 50  # the demo's catalogue and its sensor streams: two pages
    seen = []
    for page in (1, 2):
        response = client.get(url("catalogue-search"), {"rows": 50, "page": page})
        assert response.status_code == 200
        assert response.context["count"] == len(published)
        seen += [item["dataset"].name for item in response.context["items"]]
    assert len(seen) == len(published) and set(seen) == published
    assert 'id="results-heading" aria-live="polite"' in _body(response)


def test_theme_facet_narrows_results_and_counts_match(client, demo_city):
    expected = Dataset.objects.published().filter(themes__code="TRAN").distinct().count()
    response = client.get(url("catalogue-search"), {"groups": "tran", "rows": 50})
    assert response.status_code == 200
    assert response.context["count"] == expected
    assert {item["dataset"].name for item in response.context["items"]} == set(
        Dataset.objects.published().filter(themes__code="TRAN").values_list("name", flat=True)
    )
    themes = next(g for g in response.context["facets"] if g["field"] == "groups")
    transport = next(e for e in themes["visible"] + themes["more"] if e["value"] == "tran")
    assert transport["checked"] and transport["count"] == expected
    # the format facet counts only within the narrowed results
    formats = next(g for g in response.context["facets"] if g["field"] == "res_format")
    geojson = next(e for e in formats["visible"] if e["value"] == "GEOJSON")
    assert geojson["count"] == (
        Dataset.objects.published()
        .filter(themes__code="TRAN", distributions__format="GEOJSON")
        .distinct()
        .count()
    )
    body = _body(response)
    assert re.search(
        r'<input type="checkbox" id="facet-groups-\d+" name="groups" value="tran" checked>', body
    )
    assert "<legend>" in body


def test_ticking_a_theme_still_shows_what_other_themes_would_add(client, demo_city):
    """Multi-select facets: a field's counts ignore its own filter (the checkboxes are OR)."""
    published = Dataset.objects.published()
    response = client.get(url("catalogue-search"), {"groups": "tran", "rows": 50})
    themes = next(g for g in response.context["facets"] if g["field"] == "groups")
    counts = {e["value"]: e["count"] for e in themes["visible"] + themes["more"]}
    assert counts["envi"] == published.filter(themes__code="ENVI").count()
    assert len(counts) > 1


def test_values_of_one_facet_are_alternatives_and_facets_combine(client, demo_city):
    published = Dataset.objects.published()
    either = published.filter(themes__code__in=["TRAN", "ENER"]).distinct().count()
    response = client.get(url("catalogue-search"), {"groups": ["tran", "ener"], "rows": 50})
    assert response.context["count"] == either
    both = published.filter(themes__code="TRAN").filter(themes__code="ENER").distinct().count()
    response = client.get(
        url("catalogue-search", "en"), {"groups": "tran", "tags": "Elektromobilität"}
    )
    assert 0 < response.context["count"] <= both
    active = response.context["active_filters"]
    assert [a["label"] for a in active] == ["Transport", "Elektromobilität"]
    remove_keyword = active[1]["remove_url"]
    assert "tags=" not in remove_keyword and "groups=tran" in remove_keyword


def test_action_field_facet(client, demo_city):
    Dataset.objects.filter(name__in=["parkhaeuser", "ladepunkte"]).update(action_field="Mobilität")
    response = client.get(url("catalogue-search"))
    groups = {g["field"]: g for g in response.context["facets"]}
    entry = groups["action_field"]["visible"][0]
    assert (entry["value"], entry["count"]) == ("Mobilität", 2)
    response = client.get(url("catalogue-search"), {"action_field": "Mobilität"})
    assert {i["dataset"].name for i in response.context["items"]} == {"parkhaeuser", "ladepunkte"}


def test_sorting_by_title_and_name(client, demo_city):
    response = client.get(url("catalogue-search"), {"sort": "title", "rows": 50})
    titles = [item["dataset"].title for item in response.context["items"]]
    assert titles == sorted(titles)
    response = client.get(url("catalogue-search"), {"sort": "name", "rows": 10, "page": 2})
    names = [item["dataset"].name for item in response.context["items"]]
    assert names == sorted(Dataset.objects.published().values_list("name", flat=True))[10:20]


def test_bounding_box_and_district_filter(client, demo_city):
    far_away = client.get(url("catalogue-search"), {"bbox": "10.0,40.0,11.0,41.0"})
    assert far_away.status_code == 200
    assert far_away.context["count"] == 0
    whole = Dataset.objects.published().exclude(spatial=None)
    west, south, east, north = whole.first().spatial.extent
    around = client.get(url("catalogue-search"), {"bbox": f"{west},{south},{east},{north}"})
    assert around.context["count"] == whole.count()
    from portal.core.models import District

    district = District.objects.order_by("number").first()
    response = client.get(url("catalogue-search"), {"district": district.slug})
    assert response.status_code == 200
    assert response.context["count"] == whole.count()
    assert any(a["label"] == district.name for a in response.context["active_filters"])


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "-3"},
        {"sort": "price desc"},
        {"rows": "5000"},
        {"bbox": "1,2,3"},
        {"bbox": "9,52,8,51"},
        {"bbox": "a,b,c,d"},
        {"district": "atlantis"},
        {"q": "x" * 500},
        {"page": "999"},
        {"rows": "abc"},
        {"q": "groups:(tran"},
        {"groups": ["x" * 300]},
    ],
)
def test_bad_parameters_get_a_friendly_error(client, demo_city, params):
    response = client.get(url("catalogue-search"), params)
    assert response.status_code == 400
    body = _body(response)
    assert 'class="error-summary"' in body
    assert "<h1>" in body


def test_search_page_queries_do_not_grow_with_the_page_size(
    client, demo_city, django_assert_max_num_queries
):
    with django_assert_max_num_queries(30) as small:
        client.get(url("catalogue-search"), {"rows": 10})
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url("catalogue-search"), {"rows": 50})


def test_search_never_shows_drafts(client, canary):
    response = client.get(url("catalogue-search"), {"q": "Kanarienvogel"})
    assert response.context["count"] == 0
    response = client.get(url("catalogue-search"), {"rows": 50})
    assert CANARY not in _body(response)


def test_search_in_english(client, demo_city):
    response = client.get(url("catalogue-search", "en"), {"q": "Parken", "sort": "title"})
    assert response.status_code == 200
    body = _body(response)
    assert '<html lang="en">' in body
    assert "Car parks" in body


# --- dataset page --------------------------------------------------------------------------------


def test_dataset_page_shows_the_record(client, demo_city):
    dataset = Dataset.objects.get(name="parkhaeuser")
    response = client.get(url("catalogue-dataset", name=dataset.name))
    assert response.status_code == 200
    body = _body(response)
    assert f"<h1>{dataset.title}</h1>" in body
    assert dataset.contact_email in body
    assert "http://dcat-ap.de/def/licenses/" + dataset.licence in body
    assert 'id="dataset-area-map"' in body
    for distribution in dataset.distributions.all():
        assert distribution.checksum_sha256 in body
        assert url("catalogue-download", name=dataset.name, distribution_id=distribution.pk) in body
    assert url("catalogue-dataset-history", name=dataset.name) in body
    assert response["Vary"].startswith("Accept") or "Accept," in response["Vary"]


def test_dataset_page_in_english_and_german_fallback(client, demo_city):
    response = client.get(url("catalogue-dataset", "en", name="parkhaeuser"))
    body = _body(response)
    assert "<h1>Car parks</h1>" in body
    assert "fallback-note" not in body
    german = _body(client.get(url("catalogue-dataset", name="parkhaeuser")))
    assert f'href="{url("catalogue-dataset", "en", name="parkhaeuser")}" hreflang="en"' in german
    dataset = Dataset.objects.get(name="parkhaeuser")
    dataset.title_en = ""
    services.dataset_save(dataset=dataset)
    body = _body(client.get(url("catalogue-dataset", "en", name="parkhaeuser")))
    assert 'class="fallback-note"' in body
    assert f'<h1 lang="de">{dataset.title}</h1>' in body


def test_csv_preview_is_paged_server_side(client, demo_city):
    dataset = Dataset.objects.get(name="verkehrszaehlung")
    distribution = dataset.distributions.get(format="CSV")
    with distribution.file.open("rb") as handle:
        rows = list(csv.reader(io.TextIOWrapper(handle, encoding="utf-8")))
    page_url = url("catalogue-dataset", "en", name=dataset.name)
    first = client.get(page_url, {"preview": distribution.pk})
    table = first.context["preview"]["table"]
    assert table.header == rows[0]
    assert table.rows == rows[1:26]
    body = _body(first)
    assert "<caption" in body and '<th scope="col">datum</th>' in body
    assert f"?preview={distribution.pk}&amp;page=2#preview" in body
    second = client.get(page_url, {"preview": distribution.pk, "page": 2})
    assert second.context["preview"]["table"].rows == rows[26:51]
    assert f"?preview={distribution.pk}&amp;page=1#preview" in _body(second)
    last_page = (len(rows) - 2) // 25 + 1
    last = client.get(page_url, {"preview": distribution.pk, "page": last_page})
    assert not last.context["preview"]["table"].has_next
    beyond = client.get(page_url, {"preview": distribution.pk, "page": last_page + 1})
    assert beyond.status_code == 200
    assert "fewer rows" in _body(beyond)
    bad = client.get(page_url, {"preview": distribution.pk, "page": "abc"})
    assert bad.status_code == 200
    assert bad.context["preview"]["table"].number == 1


def test_preview_paging_is_rate_limited_per_address(client, demo_city, settings):
    from django.core.cache import cache

    from portal.core.ratelimit import Rate

    cache.clear()
    settings.CATALOGUE_PREVIEW_PAGE_RATE = Rate(2, 60)
    distribution = Dataset.objects.get(name="verkehrszaehlung").distributions.get(format="CSV")
    page_url = url("catalogue-dataset", name="verkehrszaehlung")
    for page in (2, 3):
        assert client.get(page_url, {"preview": distribution.pk, "page": page}).status_code == 200
    over = client.get(page_url, {"preview": distribution.pk, "page": 4})
    assert over.status_code == 429
    assert 0 < int(over["Retry-After"]) <= 60
    assert "Zu viele Anfragen" in _body(over)
    assert f'href="{page_url}#preview"' in _body(over)
    # The dataset page itself and the preview's first page are not limited.
    assert client.get(page_url).status_code == 200
    assert client.get(page_url, {"preview": distribution.pk, "page": 1}).status_code == 200
    cache.clear()


def test_large_csv_is_previewed_page_by_page(client, demo_city):
    lines = ["datum,messstelle,wert"] + [
        f"2026-{1 + i % 12:02d}-{1 + i % 28:02d},M{i % 3},{i}" for i in range(60_000)
    ]
    dataset = _dataset(
        "grosse-datei",
        state=Dataset.State.PUBLISHED,
        title="Große Datei",
        files={"gross.csv": ("\n".join(lines) + "\n").encode()},
    )
    distribution = dataset.distributions.get()
    response = client.get(
        url("catalogue-dataset", name=dataset.name), {"preview": distribution.pk, "page": 3}
    )
    table = response.context["preview"]["table"]
    assert table.first_row == 51
    assert table.rows[0] == lines[51].split(",")
    assert table.has_next
    chart = response.context["preview"]["chart"]
    assert chart is not None and chart.truncated
    assert len(chart.series) == 3


def test_time_series_becomes_an_accessible_chart(client, demo_city):
    response = client.get(url("catalogue-dataset", name="verkehrszaehlung"))
    chart = response.context["preview"]["chart"]
    assert chart is not None
    assert chart.date_column == "datum" and chart.value_column == "wert"
    body = _body(response)
    assert 'role="img" aria-labelledby="chart-title chart-desc"' in body
    assert '<desc id="chart-desc">' in body
    assert 'x1="64.0"' in body  # SVG numbers are never localised (German uses commas)
    assert 'id="chart-table-caption"' in body
    # a table without dates gets no chart
    response = client.get(url("catalogue-dataset", name="haushalt-smart-city"))
    assert response.context["preview"]["chart"] is None


def test_geojson_preview_has_a_map_and_a_table_fallback(client, demo_city):
    dataset = Dataset.objects.get(name="parkhaeuser")
    distribution = dataset.distributions.get(format="GEOJSON")
    with distribution.file.open("rb") as handle:
        features = json.load(handle)["features"]
    response = client.get(url("catalogue-dataset", name=dataset.name), {"preview": distribution.pk})
    assert response.status_code == 200
    body = _body(response)
    assert 'id="preview-map"' in body
    download = url("catalogue-download", name=dataset.name, distribution_id=distribution.pk)
    assert f'data-geojson-url="{download}"' in body
    assert len(response.context["preview"]["features"]["rows"]) == len(features)
    for feature in features:
        assert feature["properties"]["name"] in body


def test_many_geojson_features_are_listed_page_by_page(client, demo_city):
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [8.6, 50.95]},
                "properties": {"name": f"Punkt {number}"},
            }
            for number in range(1, 121)
        ],
    }
    dataset = _dataset(
        "viele-punkte",
        state=Dataset.State.PUBLISHED,
        title="Viele Punkte",
        files={"punkte.geojson": json.dumps(collection).encode()},
    )
    distribution = dataset.distributions.get()
    page_url = url("catalogue-dataset", "en", name=dataset.name)
    first = client.get(page_url, {"preview": distribution.pk})
    assert len(first.context["preview"]["features"]["rows"]) == 50
    assert f"?preview={distribution.pk}&amp;page=2#preview" in _body(first)
    last = client.get(page_url, {"preview": distribution.pk, "page": 3})
    body = _body(last)
    assert "Punkt 120" in body and "Punkt 100<" not in body
    assert "features 101 to 120 of 120" in body
    assert "fewer features" in _body(client.get(page_url, {"preview": distribution.pk, "page": 4}))


def test_broken_files_show_a_message_not_an_error(client, demo_city):
    dataset = _dataset(
        "kaputte-dateien",
        state=Dataset.State.PUBLISHED,
        title="Kaputte Dateien",
        files={"kaputt.geojson": b"{not json", "leer.csv": b""},
    )
    broken, empty = dataset.distributions.order_by("position")
    page_url = url("catalogue-dataset", "en", name=dataset.name)
    response = client.get(page_url, {"preview": broken.pk})
    assert response.status_code == 200
    assert "not valid GeoJSON" in _body(response)
    response = client.get(page_url, {"preview": empty.pk})
    assert response.status_code == 200
    assert "empty" in _body(response)
    empty.file.delete(save=False)
    Distribution.objects.filter(pk=empty.pk).update(file="catalogue/gibt-es-nicht.csv")
    response = client.get(page_url, {"preview": empty.pk})
    assert response.status_code == 200
    assert "could not be read" in _body(response)
    response = client.get(page_url, {"preview": "not-a-file"})
    assert response.status_code == 200


def test_quality_checklist_explains_the_score(client, demo_city):
    dataset = Dataset.objects.get(name="parkhaeuser")
    response = client.get(url("catalogue-dataset", "en", name=dataset.name))
    quality = response.context["quality"]
    assert 0 < quality.score <= 100
    body = _body(response)
    assert f"{quality.score} of 100" in body
    assert 'class="checklist"' in body
    keys = {check.key for check in quality.checks}
    assert {"open_format", "open_licence", "freshness", "description", "frequency"} <= keys


def test_quality_freshness_follows_the_declared_frequency(demo_city):
    dataset = Dataset.objects.get(name="papierkoerbe-fuellstand")  # daily
    now = timezone.now()
    dataset.modified = now - timedelta(days=1)
    fresh = {c.key: c for c in dataset_quality(dataset=dataset, now=now).checks}
    assert fresh["freshness"].passed is True
    dataset.modified = now - timedelta(days=30)
    stale = dataset_quality(dataset=dataset, now=now)
    assert {c.key: c for c in stale.checks}["freshness"].passed is False
    assert stale.score < dataset_quality(dataset=dataset, now=now - timedelta(days=29)).score
    dataset.accrual_periodicity = "IRREG"
    irregular = {c.key: c for c in dataset_quality(dataset=dataset, now=now).checks}
    assert irregular["freshness"].passed is None


def test_record_history_never_names_the_editor(client, demo_city, editor):
    dataset = Dataset.objects.get(name="parkhaeuser")
    dataset.version = "1.1"
    with history.changes_by(editor, "admin"):
        services.dataset_save(dataset=dataset)
    response = client.get(url("catalogue-dataset-history", "en", name=dataset.name))
    assert response.status_code == 200
    body = _body(response)
    assert "Record created" in body
    with translation.override("en"):
        assert str(Dataset._meta.get_field("version").verbose_name) in body
    for private in (editor.email, editor.username, editor.get_full_name()):
        if private:
            assert private not in body


# --- content negotiation and downloads -----------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        ("text/turtle", "text/turtle"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("application/ld+json", "application/ld+json"),
        ("text/html,application/xhtml+xml,*/*;q=0.8", "text/html"),
        ("*/*", "text/html"),
    ],
)
def test_dataset_page_negotiates_rdf(client, demo_city, accept, content_type):
    response = client.get(url("catalogue-dataset", name="parkhaeuser"), HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert "Accept" in response["Vary"]


def test_dataset_uri_answers_rdf_or_redirects_to_the_page(client, demo_city):
    response = client.get("/dataset/parkhaeuser", HTTP_ACCEPT="text/turtle")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/turtle")
    assert b"dcat:Dataset" in response.content
    response = client.get("/dataset/parkhaeuser", HTTP_ACCEPT="text/html")
    assert response.status_code == 303
    assert response["Location"] == url("catalogue-dataset", name="parkhaeuser")
    assert "Accept" in response["Vary"]
    response = client.get(
        "/dataset/parkhaeuser", HTTP_ACCEPT="text/html", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response["Location"] == url("catalogue-dataset", "en", name="parkhaeuser")
    assert client.get("/dataset/parkhaeuser.ttl").status_code == 200  # unchanged


def test_distribution_download_is_an_attachment(client, demo_city):
    dataset = Dataset.objects.get(name="parkhaeuser")
    distribution = dataset.distributions.get(format="CSV")
    response = client.get(
        url("catalogue-download", name=dataset.name, distribution_id=distribution.pk)
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "text/csv"
    with distribution.file.open("rb") as handle:
        assert b"".join(response.streaming_content) == handle.read()


def test_catalogue_exports_list_published_datasets(client, demo_city):
    response = client.get("/catalog.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(_body(response).lstrip("\ufeff"))))
    assert len(rows) == Dataset.objects.published().count()
    park = next(row for row in rows if row["name"] == "parkhaeuser")
    assert park["uri"].endswith("/dataset/parkhaeuser")
    assert len(park["distribution_urls"].split()) == 2
    response = client.get("/catalog.jsonl")
    assert response.status_code == 200
    lines = [json.loads(line) for line in _body(response).splitlines()]
    assert len(lines) == Dataset.objects.published().count()
    park = next(line for line in lines if line["name"] == "parkhaeuser")
    assert {d["format"] for d in park["distributions"]} == {"CSV", "GEOJSON"}
    assert park["themes"] == ["http://publications.europa.eu/resource/authority/data-theme/TRAN"]
    page = _body(client.get(url("catalogue-search")))
    assert 'href="/catalog.csv"' in page and 'href="/catalog.jsonl"' in page


def test_drafts_are_nowhere(client, canary):
    distribution = canary.distributions.get()
    for address in (
        url("catalogue-dataset", name=canary.name),
        url("catalogue-dataset", "en", name=canary.name),
        url("catalogue-dataset-history", name=canary.name),
        url("catalogue-download", name=canary.name, distribution_id=distribution.pk),
        f"/dataset/{canary.name}",
    ):
        response = client.get(address, HTTP_ACCEPT="text/turtle")
        assert response.status_code == 404, address
        assert CANARY not in _body(response)
        assert client.get(address).status_code == 404
    for address in ("/catalog.csv", "/catalog.jsonl", "/catalog.ttl"):
        assert CANARY not in _body(client.get(address))
    assert CANARY not in _body(client.get(url("catalogue-search"), {"rows": 50}))
