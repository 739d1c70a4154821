"""The demo's data files: plain data, both languages alike, times relative to the seeding."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from portal.cms import demo, demo_content
from portal.core.demo import demo_data_load

REPOSITORY = Path(__file__).resolve().parents[3]
DATA_FILES = sorted(
    path
    for app in ("portal", "opendata")
    for path in (REPOSITORY / app).glob("*/demo_data/**/*.yaml")
)


def _values(data: Any) -> list[Any]:
    if isinstance(data, dict):
        return [value for item in data.values() for value in _values(item)]
    if isinstance(data, list):
        return [value for item in data for value in _values(item)]
    return [data]


def _bilingual() -> list[tuple[str, dict[str, Any]]]:
    """Every piece of CMS content that exists in German and English."""
    items: list[tuple[str, dict[str, Any]]] = [("strategy", demo_content.STRATEGY)]
    items.append(("home", demo_content.HOME))
    items += [(f"legal {key}", texts) for key, texts in demo_content.LEGAL_PAGES.items()]
    items += [(f"index {key}", texts) for key, texts in demo_content.INDEX_PAGES.items()]
    for name in (
        "ACTION_FIELDS",
        "FUNDING_PROGRAMMES",
        "PROJECTS",
        "CASE_STUDIES",
        "NEWS",
        "EVENTS",
        "GLOSSARY",
    ):
        items += [
            (f"{name} {number}", item) for number, item in enumerate(getattr(demo_content, name))
        ]
    return items


def test_every_app_has_demo_data_files():
    apps = {path.relative_to(REPOSITORY).parts[1] for path in DATA_FILES}
    assert {"cms", "core", "accounts", "catalogue", "sensors"} <= apps


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda path: path.name)
def test_data_files_hold_plain_data_and_no_absolute_dates(path):
    values = _values(demo_data_load(path))
    assert values
    for value in values:
        assert isinstance(value, str | int | float | bool | type(None)), (path, value)
        assert not isinstance(value, datetime.date), (path, value)


@pytest.mark.parametrize(("label", "item"), _bilingual(), ids=lambda value: str(value)[:30])
def test_german_and_english_texts_have_the_same_fields(label, item):
    assert set(item["de"]) == set(item["en"]), label
    assert all(item["de"].values()) and all(item["en"].values()), label


def test_references_between_the_files_resolve():
    fields = {item["key"] for item in demo_content.ACTION_FIELDS}
    projects = {item["key"] for item in demo_content.PROJECTS}
    organisations = {item["key"] for item in demo_content.ORGANISATIONS}
    programmes = {item["key"] for item in demo_content.FUNDING_PROGRAMMES}
    assert len(projects) == len(demo_content.PROJECTS)
    for project in demo_content.PROJECTS:
        assert project["action_field"] in fields
        assert set(project["partners"]) <= organisations
        assert project["funding"] in programmes | {None}
    for news in demo_content.NEWS:
        assert news.get("project") in projects | {None}
    assert list(demo_content.INDEX_PAGES) == list(demo.INDEX_PAGE_CLASSES)
    assert set(demo_content.LEGAL_PAGES) == {
        "imprint",
        "privacy",
        "accessibility",
        "plain_language",
    }
