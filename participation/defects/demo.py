"""Demo city Lindenhafen: the defect reporter's statuses, categories, routing and reports.

Reference data (``demo_data/statuses.yaml``, ``categories.yaml``, ``routing.yaml``,
``answers.yaml``) is created once and then left alone, so that what staff changed in the admin
stays changed. The handlers (``handlers.yaml``) get the demo password like the personas. The
reports (``demo_reports``) are a deterministic year of the city's defect reports; each has a
fixed token, so a second run creates nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from participation.defects.catalogue import defect_statistics_dataset_update
from participation.defects.demo_report_rows import reports_seed
from participation.defects.models import AnswerTemplate, Category, RoutingRule, Status
from portal.core.demo import DemoCity, demo_data_load, demo_password
from portal.core.models import Department, DepartmentMembership, District

DEMO_DATA = Path(__file__).parent / "demo_data"
STATUSES: list[dict[str, Any]] = demo_data_load(DEMO_DATA / "statuses.yaml")
CATEGORIES: list[dict[str, Any]] = demo_data_load(DEMO_DATA / "categories.yaml")
ROUTING: list[dict[str, Any]] = demo_data_load(DEMO_DATA / "routing.yaml")
ANSWERS: list[dict[str, Any]] = demo_data_load(DEMO_DATA / "answers.yaml")
HANDLERS: list[dict[str, Any]] = demo_data_load(DEMO_DATA / "handlers.yaml")

CENTRAL_GROUP = "Mängelmelder-Zentrale"  # every report: defects.handle_all_reports
CLERKS_GROUP = "Mängelmelder-Sachbearbeitung"  # the reports of their unit
_CATEGORY_FIELDS = ("name", "name_en", "description", "description_en", "keywords", "icon")


def statuses_ensure() -> dict[str, Status]:
    has_initial = Status.objects.filter(is_initial=True).exists()
    statuses = {}
    for item in STATUSES:
        initial = bool(item.get("is_initial")) and not has_initial
        status, _ = Status.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "name_en": item["name_en"],
                "colour": item["colour"],
                "is_closed": bool(item.get("is_closed")),
                "is_initial": initial,
                "order": item["order"],
            },
        )
        statuses[status.slug] = status
    return statuses


def _department(city: DemoCity, slug: str | None) -> Department | None:
    if not slug:
        return None
    return city.departments.get(slug) or Department.objects.filter(slug=slug).first()


def categories_ensure(city: DemoCity) -> dict[str, Category]:
    """The category tree; a category that exists (by service code) is not touched."""
    categories = {c.service_code: c for c in Category.objects.all()}
    for order, group in enumerate(CATEGORIES):
        parent = _category_ensure(city, group, None, order * 10, categories)
        for position, child in enumerate(group.get("children", [])):
            _category_ensure(city, child, parent, order * 10 + position + 1, categories)
    return categories


def _category_ensure(
    city: DemoCity,
    item: dict[str, Any],
    parent: Category | None,
    order: int,
    categories: dict[str, Category],
) -> Category:
    code = item["code"]
    if code in categories:
        return categories[code]
    # Members without a unit of their own follow their group's routing rules and unit.
    department = _department(city, item.get("department"))
    category = Category.objects.create(
        service_code=code,
        parent=parent,
        department=department,
        attributes=item.get("attributes", []),
        sensitive=bool(item.get("sensitive")),
        sensor_kind=item.get("sensor_kind", ""),
        order=order,
        **{field: item.get(field, "") for field in _CATEGORY_FIELDS},
    )
    categories[code] = category
    return category


def routing_ensure(city: DemoCity, categories: dict[str, Category]) -> int:
    """One rule per (category, district) of routing.yaml, unless staff already made one."""
    created = 0
    for item in ROUTING:
        category = categories.get(item["category"])
        department = _department(city, item["department"])
        district = None
        if item.get("district"):
            district = city.districts.get(item["district"]) or (
                District.objects.filter(slug=item["district"]).first()
            )
            if district is None:
                continue
        if category is None or department is None:
            continue
        exists = RoutingRule.objects.filter(
            category=category, district=district, area__isnull=True
        ).exists()
        if not exists:
            RoutingRule.objects.create(
                category=category,
                district=district,
                department=department,
                priority=item["priority"],
            )
            created += 1
    return created


def answer_templates_ensure(categories: dict[str, Category]) -> dict[tuple[str, str], str]:
    """The answer templates; returns their texts by (group code, status slug) for the demo."""
    texts = {}
    for item in ANSWERS:
        category = categories.get(item["group"]) if item["group"] else None
        AnswerTemplate.objects.get_or_create(
            category=category,
            title=item["title"],
            defaults={"text": item["text"], "text_en": item["text_en"]},
        )
        texts[(item["group"], item["status"])] = item["text"]
    return texts


def handlers_ensure(city: DemoCity) -> dict[str, Any]:
    """The central team's handler, an office clerk and a municipal company's handler."""
    user_model = get_user_model()
    password = demo_password()
    central, _ = Group.objects.get_or_create(name=CENTRAL_GROUP)
    clerks, _ = Group.objects.get_or_create(name=CLERKS_GROUP)
    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    handle_all = Permission.objects.get(
        content_type__app_label="defects", codename="handle_all_reports"
    )
    if access_admin is not None:
        central.permissions.add(access_admin)
        clerks.permissions.add(access_admin)
    central.permissions.add(handle_all)
    handlers = {}
    for item in HANDLERS:
        user, created = user_model.objects.get_or_create(
            username=item["key"],
            defaults={
                "email": item["email"],
                "first_name": item["first_name"],
                "last_name": item["last_name"],
                "display_name": item["public_name"],
                "is_staff": True,
            },
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
            EmailAddress.objects.get_or_create(
                user=user, email=item["email"], defaults={"verified": True, "primary": True}
            )
            user.groups.add(central if item["central"] else clerks)
        department = _department(city, item["department"])
        if department is not None:
            DepartmentMembership.objects.get_or_create(
                user=user, department=department, defaults={"role": item["role"]}
            )
        handlers[item["key"]] = user
        city.users[item["key"]] = user
        city.logins.append((item["key"], item["email"], password if created else "(unchanged)"))
    return handlers


def seed(city: DemoCity) -> None:
    if not city.districts:
        city.districts = {d.slug: d for d in District.objects.all()}
    if not city.departments:
        city.departments = {d.slug: d for d in Department.objects.all()}
    statuses = statuses_ensure()
    categories = categories_ensure(city)
    rules = routing_ensure(city, categories)
    answers = answer_templates_ensure(categories)
    handlers = handlers_ensure(city)
    city.log(
        f"defect reporter: {len(statuses)} statuses, {len(categories)} categories, "
        f"{rules} new routing rules, {len(handlers)} handlers"
    )
    reports_seed(city, statuses=statuses, categories=categories, answers=answers, handlers=handlers)
    if defect_statistics_dataset_update():
        city.log("defect reporter: statistics dataset in the catalogue")
