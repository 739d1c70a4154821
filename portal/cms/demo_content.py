"""Demo content of the fictional city of Lindenhafen, read from the YAML files in `demo_data/`.

Lindenhafen (about 153,000 inhabitants, a river port on the Linde, eight districts) does not
exist. Everything about it here is invented for demonstration: strategy, action fields,
partners, projects, news, events and key figures. Funding programmes are real programme types.
The case studies describe real cities with the figures cited in the underlying Smart-City study
(survey 2020); the text says where each figure comes from.

Every text exists in German ("de", written first) and English ("en"). HTML fields use only
<p>, <h2>, <h3>, <ul>, <ol>, <li>, <strong>, <em> and <a href>. Times are relative to the moment
of seeding: "start_months"/"end_months" and KPI "months" in months, "days_ago" and
"days_from_now" in days. Locations are GeoJSON points (longitude, latitude).

Action fields and projects have one file each in `demo_data/action_fields/` and
`demo_data/projects/`; the number in a file's name keeps the order in which they are seeded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from portal.core.demo import demo_data_folder_load, demo_data_load

DEMO_DATA = Path(__file__).parent / "demo_data"

# The Smart-City strategy (Leitbild): definition, goals, four-step model, steering group.
STRATEGY: dict[str, dict[str, Any]] = demo_data_load(DEMO_DATA / "strategy.yaml")
ACTION_FIELDS: list[dict[str, Any]] = demo_data_folder_load(DEMO_DATA / "action_fields")
ORGANISATIONS: list[dict[str, Any]] = demo_data_load(DEMO_DATA / "organisations.yaml")
FUNDING_PROGRAMMES: list[dict[str, Any]] = demo_data_load(DEMO_DATA / "funding_programmes.yaml")
PROJECTS: list[dict[str, Any]] = demo_data_folder_load(DEMO_DATA / "projects")
CASE_STUDIES: list[dict[str, Any]] = demo_data_load(DEMO_DATA / "case_studies.yaml")
NEWS: list[dict[str, Any]] = demo_data_load(DEMO_DATA / "news.yaml")
EVENTS: list[dict[str, Any]] = demo_data_load(DEMO_DATA / "events.yaml")
GLOSSARY: list[dict[str, Any]] = demo_data_load(DEMO_DATA / "glossary.yaml")
# The pages that are not part of the strategy: home, legal pages, index pages.
HOME: dict[str, dict[str, Any]] = demo_data_load(DEMO_DATA / "home.yaml")
LEGAL_PAGES: dict[str, dict[str, dict[str, Any]]] = demo_data_load(DEMO_DATA / "legal_pages.yaml")
INDEX_PAGES: dict[str, dict[str, dict[str, Any]]] = demo_data_load(DEMO_DATA / "index_pages.yaml")
