"""Factories of portal.core: districts, departments and their staff, contact messages."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from portal.core.models import ContactMessage, Department, DepartmentMembership, District
from tests.factories.geometry import district_area


class DistrictFactory(DjangoModelFactory):
    class Meta:
        model = District

    # Numbers from 500 upwards stay clear of the demo city's districts.
    number = factory.Sequence(lambda n: 500 + n)
    name = factory.Sequence(lambda n: f"Testviertel {n}")
    slug = factory.Sequence(lambda n: f"testviertel-{n}")
    population = 12_000
    area = factory.LazyAttribute(lambda district: district_area(district.number))


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department

    slug = factory.Sequence(lambda n: f"test-department-{n}")
    name = factory.Sequence(lambda n: f"Testamt {n}")
    name_en = factory.Sequence(lambda n: f"Test office {n}")
    kind = Department.Kind.ADMINISTRATION
    email = factory.LazyAttribute(lambda department: f"{department.slug}@city.example")


class DepartmentMembershipFactory(DjangoModelFactory):
    class Meta:
        model = DepartmentMembership

    user = factory.SubFactory("tests.factories.accounts.UserFactory")
    department = factory.SubFactory(DepartmentFactory)
    role = DepartmentMembership.Role.MEMBER


class ContactMessageFactory(DjangoModelFactory):
    class Meta:
        model = ContactMessage

    topic = ContactMessage.Topic.GENERAL
    name = "Test Sender"
    email = factory.Sequence(lambda n: f"sender{n}@example.org")
    message = "A question about the portal."
