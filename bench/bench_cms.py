"""CMS pages with 500 extra projects, against the cheapest view of the same process."""

from __future__ import annotations

from bench.run import Benchmark
from bench.run import http_get as _get

PROJECTS = 500


def prepare() -> None:
    from portal.cms.demo import projects_bulk_add

    total = projects_bulk_add(PROJECTS)
    print(f"prepared: {total} projects in the database")


def _first_url(model_name: str):
    cache: dict[str, str] = {}

    def url() -> str:
        if model_name not in cache:
            from django.apps import apps

            model = apps.get_model("cms", model_name)
            page = model.objects.live().filter(locale__language_code="de").order_by("path")
            cache[model_name] = page.first().get_url()
        return cache[model_name]

    return url


trivial = _get("/robots.txt")

BENCHMARKS = [
    Benchmark("home page (500 projects)", _get("/"), trivial, "robots.txt", rounds=20),
    Benchmark(
        "action field page", _get(_first_url("ActionFieldPage")), trivial, "robots.txt", rounds=20
    ),
    Benchmark("project page", _get(_first_url("ProjectPage")), trivial, "robots.txt", rounds=20),
    Benchmark(
        "project map page (500 projects)", _get("/projekte/"), trivial, "robots.txt", rounds=10
    ),
    Benchmark(
        "project GeoJSON API (500 projects)",
        _get("/api/v1/projects/?lang=de"),
        trivial,
        "robots.txt",
        rounds=10,
    ),
]
