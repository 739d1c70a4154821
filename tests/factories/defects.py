"""Factories of the defect reporter: statuses, categories, routing, reports and their parts."""

from __future__ import annotations

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from participation.defects.models import (
    AnswerTemplate,
    Category,
    Open311Client,
    Report,
    ReporterContact,
    ReportForward,
    ReportPhoto,
    ReportSupport,
    ReportUpdate,
    RoutingRule,
    Status,
)
from tests.factories.core import DepartmentFactory, DistrictFactory


class StatusFactory(DjangoModelFactory):
    class Meta:
        model = Status
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"test-status-{n}")
    name = factory.Sequence(lambda n: f"Teststatus {n}")
    name_en = factory.Sequence(lambda n: f"Test status {n}")
    colour = Status.Colour.YELLOW
    order = factory.Sequence(lambda n: 10 + n)


def initial_status() -> Status:
    """The one status new reports start in: the demo city's, or one made once per database."""
    existing = Status.objects.filter(is_initial=True).first()
    if existing is not None:
        return existing
    return StatusFactory(
        slug="test-received",
        name="Eingegangen",
        name_en="Received",
        colour=Status.Colour.RED,
        is_initial=True,
        order=0,
    )


def closed_status() -> Status:
    return StatusFactory(
        slug="test-fixed",
        name="Erledigt",
        name_en="Fixed",
        colour=Status.Colour.GREEN,
        is_closed=True,
        order=90,
    )


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category

    service_code = factory.Sequence(lambda n: f"test-{n}")
    name = factory.Sequence(lambda n: f"Testkategorie {n}")
    name_en = factory.Sequence(lambda n: f"Test category {n}")
    department = factory.SubFactory(DepartmentFactory)


class AnswerTemplateFactory(DjangoModelFactory):
    class Meta:
        model = AnswerTemplate

    category = factory.SubFactory(CategoryFactory)
    title = factory.Sequence(lambda n: f"Template {n}")
    text = "Vielen Dank, wir kümmern uns darum."
    text_en = "Thank you, we are on it."


class RoutingRuleFactory(DjangoModelFactory):
    class Meta:
        model = RoutingRule

    category = factory.SubFactory(CategoryFactory)
    department = factory.SubFactory(DepartmentFactory)


class ReportFactory(DjangoModelFactory):
    """A public report in its district's centre; ``status`` defaults to the initial one."""

    class Meta:
        model = Report

    category = factory.SubFactory(CategoryFactory)
    status = factory.LazyFunction(initial_status)
    district = factory.SubFactory(DistrictFactory)
    department = factory.LazyAttribute(lambda report: report.category.department)
    location = factory.LazyAttribute(lambda report: report.district.area.point_on_surface)
    description = factory.Sequence(lambda n: f"Schlagloch Nummer {n} auf dem Radweg.")
    channel = Report.Channel.WEB
    moderation = Report.Moderation.APPROVED
    created_at = factory.LazyFunction(timezone.now)
    updated_at = factory.LazyAttribute(lambda report: report.created_at)
    published_at = factory.LazyAttribute(
        lambda report: (
            report.created_at if report.moderation == Report.Moderation.APPROVED else None
        )
    )


class ReporterContactFactory(DjangoModelFactory):
    class Meta:
        model = ReporterContact

    report = factory.SubFactory(ReportFactory)
    email = factory.Sequence(lambda n: f"reporter{n}@example.org")


class ReportPhotoFactory(DjangoModelFactory):
    class Meta:
        model = ReportPhoto

    report = factory.SubFactory(ReportFactory)
    image = factory.django.ImageField(width=40, height=30, format="JPEG")


class ReportUpdateFactory(DjangoModelFactory):
    class Meta:
        model = ReportUpdate

    report = factory.SubFactory(ReportFactory)
    kind = ReportUpdate.Kind.ANSWER
    text = "Wir prüfen das."
    created_at = factory.LazyFunction(timezone.now)
    notified_at = factory.LazyAttribute(lambda update: update.created_at)


class ReportSupportFactory(DjangoModelFactory):
    class Meta:
        model = ReportSupport

    report = factory.SubFactory(ReportFactory)
    supporter_key = factory.Sequence(lambda n: f"user:{n}")


class Open311ClientFactory(DjangoModelFactory):
    class Meta:
        model = Open311Client

    name = factory.Sequence(lambda n: f"Test app {n}")
    prefix = factory.Sequence(lambda n: f"{n:012x}")
    secret_hash = "0" * 64


class ReportForwardFactory(DjangoModelFactory):
    """A forward to an external handler, not yet sent."""

    class Meta:
        model = ReportForward

    update = factory.SubFactory(ReportUpdateFactory, kind=ReportUpdate.Kind.NOTE, public=False)
    email = factory.Sequence(lambda n: f"firma{n}@example.com")
    message = "Bitte ansehen."
