"""Demo pages: home, legal pages, strategy, action fields, projects, news, events and more.

Every text comes from the YAML files in `demo_data/` (read by `demo_content`); this module
only builds pages and snippets from them, German first, then the English translation.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from django.contrib.auth.models import Group, Permission
from django.contrib.gis.geos import GEOSGeometry, Point
from django.db import transaction
from django.utils import timezone
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.rich_text import RichText

from portal.cms import demo_content as content
from portal.cms.models import (
    ActionFieldPage,
    CaseStudyIndexPage,
    CaseStudyPage,
    EventIndexPage,
    EventPage,
    FundingOverviewPage,
    FundingProgramme,
    GlossaryPage,
    GlossaryTerm,
    HomePage,
    LegalPages,
    NewsIndexPage,
    NewsPage,
    Organisation,
    ProjectIndexPage,
    ProjectKpi,
    ProjectPage,
    StandardPage,
    StrategyPage,
)
from portal.core.demo import DemoCity


def _apply(page: Page, content_: dict[str, Any]) -> Page:
    for name, value in content_.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def _translate(original: Page, locale: Locale, content_: dict[str, Any]) -> Page:
    translation = original.get_translation_or_none(locale)
    if translation is not None:
        return translation.specific  # editors may have changed it: keep their work
    return _apply(original.copy_for_translation(locale).specific, content_)


def _ensure(
    parent: Page,
    page_class: type[Page],
    de: dict[str, Any],
    en: dict[str, Any],
    en_locale: Locale,
    **shared: Any,
) -> Page:
    """A German page below `parent` and its English translation, created once."""
    page = page_class.objects.child_of(parent).filter(slug=de["slug"]).first()
    if page is None:
        page = parent.add_child(
            instance=page_class(locale=parent.locale, **{**shared, **de, "live": False})
        )
        _apply(page, {})
    _translate(page, en_locale, en)
    return page


def _title(content_: dict[str, Any]) -> dict[str, Any]:
    return {"title": content_["title"]}


def home_page_ensure(*, de: Locale, en: Locale) -> HomePage:
    # Wagtail's migrations create the tree root; a flushed database (transactional tests) lacks it.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=de)
    )
    home = HomePage.objects.filter(locale=de).first()
    if home is None:
        # Wagtail's migrations leave a plain "Welcome" page; the city's home page replaces it.
        for welcome in root.get_children().exact_type(Page):
            welcome.delete()
        home = root.add_child(
            instance=HomePage(slug="start", locale=de, **_title(content.HOME["de"]))
        )
        _apply(home, _with_body(content.HOME["de"]))
    _translate(home, en, _with_body(content.HOME["en"]) | {"slug": "start-en"})
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.root_page = "localhost", 80, home
    site.site_name = content.HOME["de"]["title"]
    site.save()
    return home


def legal_pages_ensure(*, home: HomePage, en: Locale) -> dict[str, StandardPage]:
    pages = {
        key: _ensure(home, StandardPage, _with_body(c["de"]), _with_body(c["en"]), en)
        for key, c in content.LEGAL_PAGES.items()
    }
    settings = LegalPages.for_site(Site.objects.get(is_default_site=True))
    for key, page in pages.items():
        setattr(settings, key, page)
    settings.save()
    return pages


def _html(value: str) -> list[tuple[str, RichText]]:
    return [("paragraph", RichText(value))] if value else []


def _with_body(c: dict[str, Any]) -> dict[str, Any]:
    """The page's fields: the data's `body_html` becomes the `body` StreamField."""
    fields = {name: value for name, value in c.items() if name != "body_html"}
    return fields | {"body": _html(c["body_html"])}


def _items(values: list[str]) -> list[tuple[str, str]]:
    return [("item", value) for value in values]


def organisations_ensure() -> dict[str, Organisation]:
    return {
        org["key"]: Organisation.objects.update_or_create(
            name=org["name"], defaults={"kind": org["kind"], "url": org["url"]}
        )[0]
        for org in content.ORGANISATIONS
    }


def _translatable_snippet(
    model: type,
    de_fields: dict[str, Any],
    en_fields: dict[str, Any],
    lookup: str,
    de: Locale,
    en: Locale,
) -> Any:
    original = model.objects.filter(locale=de, **{lookup: de_fields[lookup]}).first()
    if original is None:
        original = model.objects.create(locale=de, **de_fields)
    if original.get_translation_or_none(en) is None:
        translation = original.copy_for_translation(en)
        for name, value in en_fields.items():
            setattr(translation, name, value)
        translation.save()
    return original


def funding_programmes_ensure(*, de: Locale, en: Locale) -> dict[str, FundingProgramme]:
    programmes = {}
    for item in content.FUNDING_PROGRAMMES:
        shared = {
            "provider": item["provider"],
            "url": item["url"],
            "funding_rate": item["funding_rate"],
        }
        programmes[item["key"]] = _translatable_snippet(
            FundingProgramme, {**shared, **item["de"]}, item["en"], "name", de, en
        )
    return programmes


def glossary_ensure(*, de: Locale, en: Locale) -> int:
    for item in content.GLOSSARY:
        _translatable_snippet(GlossaryTerm, item["de"], item["en"], "term", de, en)
    return len(content.GLOSSARY)


def _strategy_fields(c: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": c["title"],
        "slug": c["slug"],
        "intro": c["intro"],
        "definition": c["definition_html"],
        "goals": _items(c["goals"]),
        "steps": [("step", step) for step in c["steps"]],
        "steering_group": c["steering_group_html"],
        "timeline": [("milestone", milestone) for milestone in c["timeline"]],
        "show_in_menus": True,
    }


def _action_field_fields(c: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": c["title"],
        "slug": c["slug"],
        "intro": c["intro"],
        "goals": _items(c["goals"]),
        "measures": _items(c["measures"]),
        "opportunities": _items(c["opportunities"]),
        "risks": _items(c["risks"]),
        "kpis": [("kpi", kpi) for kpi in c["kpis"]],
    }


def _months(now: datetime, months: int | None) -> date | None:
    return None if months is None else (now + relativedelta(months=months)).date()


def projects_ensure(
    *,
    fields: dict[str, ActionFieldPage],
    city: DemoCity,
    en: Locale,
    organisations: dict[str, Organisation],
    programmes: dict[str, FundingProgramme],
) -> dict[str, ProjectPage]:
    projects = {}
    for item in content.PROJECTS:
        parent = fields[item["action_field"]]
        existing = ProjectPage.objects.child_of(parent).filter(slug=item["de"]["slug"]).first()
        if existing is None:
            shared = {
                "status": item["status"],
                "strategy_step": item["strategy_step"],
                "start_date": _months(city.now, item["start_months"]),
                "end_date": _months(city.now, item["end_months"]),
                "budget": item["budget_eur"],
                "funding_programme": programmes.get(item["funding"] or ""),
                "department": city.departments.get(item["department"]),
                "district": city.districts.get(item["district"] or ""),
                "location": GEOSGeometry(json.dumps(item["location"]), srid=4326),
                "featured": item["featured"],
            }
            page = ProjectPage(locale=parent.locale, **shared, **_project_text(item["de"]))
            page.partners = [organisations[key] for key in item["partners"]]
            page.kpi_items = [_kpi(kpi, "de", city.now) for kpi in item["kpis"]]
            existing = parent.add_child(instance=page)
            _apply(existing, {})
        if existing.get_translation_or_none(en) is None:
            translation = existing.copy_for_translation(en).specific
            for kpi, source in zip(translation.kpi_items.all(), item["kpis"], strict=False):
                kpi.name = source["en"]
                kpi.save()
            _apply(translation, _project_text(item["en"]))
        projects[item["key"]] = existing
    return projects


def _project_text(c: dict[str, Any]) -> dict[str, Any]:
    data_use = c["data_use"]
    return {
        "title": c["title"],
        "slug": c["slug"],
        "intro": c["intro"],
        "body": _html(c["body_html"]),
        "data_collected": data_use["collected"],
        "data_purpose": data_use["purpose"],
        "data_retention": data_use["retention"],
        "data_processor": data_use["processor"],
        "data_hosting": data_use["hosting"],
    }


def _kpi(kpi: dict[str, Any], language: str, now: datetime) -> ProjectKpi:
    return ProjectKpi(
        name=kpi[language],
        unit=kpi["unit"],
        baseline=kpi["baseline"],
        target=kpi["target"],
        measurements=[
            ("measurement", {"date": _months(now, value["months"]), "value": value["value"]})
            for value in kpi["values"]
        ],
    )


# Index pages below the home page, in menu order; their texts are in demo_data/index_pages.yaml.
INDEX_PAGE_CLASSES: dict[str, type[Page]] = {
    "projects": ProjectIndexPage,
    "news": NewsIndexPage,
    "events": EventIndexPage,
    "case_studies": CaseStudyIndexPage,
    "glossary": GlossaryPage,
    "funding": FundingOverviewPage,
}
IN_MENU = {"projects", "news", "events", "case_studies"}


def editorial_groups_ensure(*, home: HomePage) -> None:
    """Editors draft and submit; moderators (reviewers) approve and publish."""
    root = Page.get_first_root_node()
    admin_access = Permission.objects.get(codename="access_admin")
    page_perms = {
        code: Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{code}_page")
        for code in ("add", "change", "publish")
    }
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    media_perms = Permission.objects.filter(
        content_type__app_label__in=["cms", "wagtaildocs"],
        codename__in=[
            "add_portalimage",
            "change_portalimage",
            "choose_portalimage",
            "add_document",
            "change_document",
            "choose_document",
        ],
    )
    for name, codes in (
        ("Editors", ("add", "change")),
        ("Moderators", ("add", "change", "publish")),
    ):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(admin_access)
        for code in codes:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=page_perms[code]
            )
        for permission in media_perms:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )
    workflow, _ = Workflow.objects.get_or_create(name="Redaktionelle Freigabe")
    task = GroupApprovalTask.objects.filter(name="Freigabe durch die Redaktionsleitung").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="Freigabe durch die Redaktionsleitung")
        task.groups.set([Group.objects.get(name="Moderators")])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for page in home.get_translations(inclusive=True):
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})


@transaction.atomic
def seed(city: DemoCity) -> None:
    de, _ = Locale.objects.get_or_create(language_code="de")
    en, _ = Locale.objects.get_or_create(language_code="en")
    home = home_page_ensure(de=de, en=en)
    legal = legal_pages_ensure(home=home, en=en)
    organisations = organisations_ensure()
    programmes = funding_programmes_ensure(de=de, en=en)
    terms = glossary_ensure(de=de, en=en)

    strategy = _ensure(
        home,
        StrategyPage,
        _strategy_fields(content.STRATEGY["de"]),
        _strategy_fields(content.STRATEGY["en"]),
        en,
    )
    fields = {
        item["key"]: _ensure(
            strategy,
            ActionFieldPage,
            _action_field_fields(item["de"]),
            _action_field_fields(item["en"]),
            en,
            priority_rank=item["rank"],
        )
        for item in content.ACTION_FIELDS
    }
    index = {
        key: _ensure(
            home,
            page_class,
            content.INDEX_PAGES[key]["de"] | {"show_in_menus": key in IN_MENU},
            content.INDEX_PAGES[key]["en"] | {"show_in_menus": key in IN_MENU},
            en,
        )
        for key, page_class in INDEX_PAGE_CLASSES.items()
    }
    projects = projects_ensure(
        fields=fields, city=city, en=en, organisations=organisations, programmes=programmes
    )
    for item in content.NEWS:
        published = (city.now - timedelta(days=item["days_ago"])).date()
        _ensure(
            index["news"], NewsPage, _text(item["de"]) | {"date": published}, _text(item["en"]), en
        )
    for item in content.EVENTS:
        _ensure(
            index["events"],
            EventPage,
            _event_text(item["de"]),
            _event_text(item["en"]),
            en,
            **_event_times(item, city.now),
        )
    for item in content.CASE_STUDIES:
        _ensure(
            index["case_studies"],
            CaseStudyPage,
            _case_study_text(item["de"]),
            _case_study_text(item["en"]),
            en,
            city=item["city"],
            source=item["source"],
        )
    editorial_groups_ensure(home=home)
    city.pages = {"home": home, "strategy": strategy, **index}
    city.log(
        f"home, {len(legal)} legal pages, strategy with {len(fields)} action fields, "
        f"{len(projects)} projects, {len(content.NEWS)} news, {len(content.EVENTS)} events, "
        f"{len(content.CASE_STUDIES)} case studies, {terms} glossary terms, "
        f"{len(programmes)} funding programmes, {len(organisations)} partners (de and en)"
    )


def _text(c: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": c["title"],
        "slug": c["slug"],
        "intro": c["intro"],
        "body": _html(c["body_html"]),
    }


def _event_text(c: dict[str, Any]) -> dict[str, Any]:
    return _text(c) | {
        "location_name": c["location_name"],
        "address": c["address"],
        "venue_accessibility": c["accessibility"],
    }


def _event_times(item: dict[str, Any], now: datetime) -> dict[str, Any]:
    day = timezone.localtime(now).replace(
        hour=item["start_hour"], minute=0, second=0, microsecond=0
    )
    start = day + timedelta(days=item["days_from_now"])
    return {
        "format": item["format"],
        "start": start,
        "end": start + timedelta(hours=item["duration_hours"]),
        "registration_url": item["registration_url"],
    }


def _case_study_text(c: dict[str, Any]) -> dict[str, Any]:
    return _text(c) | {
        "figures": [("key_figures", {"heading": "", "figures": c["figures"]})],
        "lessons": _items(c["lessons"]),
    }


def projects_bulk_add(count: int) -> int:
    """Adds `count` published projects spread over the action fields (load tests, benchmarks).

    Fast: no revisions, no translations. Returns how many projects exist afterwards.
    """
    de = Locale.objects.get(language_code="de")
    fields = list(ActionFieldPage.objects.filter(locale=de).order_by("path"))
    offset = ProjectPage.objects.count()
    for number in range(offset, offset + count):
        fields[number % len(fields)].add_child(
            instance=ProjectPage(
                title=f"Lastprojekt {number:04d}",
                slug=f"lastprojekt-{number:04d}",
                locale=de,
                status=["planned", "in_progress", "done"][number % 3],
                featured=number % 50 == 0,
                location=Point(
                    8.58 + (number % 40) * 0.002, 50.93 + (number // 40) * 0.002, srid=4326
                ),
            )
        )
    return ProjectPage.objects.count()
