"""Who may do what with defect reports: every ``defects.*`` rule by persona and object.

Personas (tests/permissions.py) plus ``company``: a handler of a municipal company, who sees
only the reports routed to the company. Objects: a public open report of the member's office
(``own``), a public report of another office (``other``), a report routed to the company
(``company``), a pending report of the member's office (``pending``) and a closed public
report (``closed``). ``staff`` is the central team (the group "Mängelmelder-Leitstelle").
"""

from __future__ import annotations

import pytest

from participation.defects.models import Report
from portal.core.models import Department, DepartmentMembership
from tests.factories.core import DepartmentFactory
from tests.factories.defects import CategoryFactory, ReportFactory, closed_status, initial_status
from tests.permissions import (
    PERSONAS,
    _user,
    assert_matrix,
    permission_matrix,
    personas_create,
    row,
)

pytestmark = pytest.mark.django_db

PERSONAS_WITH_COMPANY = (*PERSONAS, "company")

CENTRAL_PERMISSIONS = [
    "defects.handle_all_reports",
    *[
        f"defects.{action}_{model}"
        for model in ("category", "status", "routingrule", "answertemplate")
        for action in ("add", "change", "delete", "view")
    ],
]

ALL = dict.fromkeys(PERSONAS_WITH_COMPANY, True)
ACTIVE = ALL | {"inactive": False}
ACTIVE_ACCOUNTS = ACTIVE | {"anonymous": False, "citizen": False}


def reference_rows(model: str) -> list:
    return [
        row(f"defects.{action}_{model}", staff=True, admin=True)
        for action in ("add", "change", "delete", "view")
    ]


MATRIX = permission_matrix(
    "defects",
    [
        row("defects.submit_report", **ACTIVE),
        row("defects.support_report", obj="own", **ACTIVE),
        # Django grants active superusers every permission; the service still refuses them.
        row("defects.support_report", obj="pending", admin=True),
        row("defects.support_report", obj="closed", admin=True),
        row("defects.view_report", obj="own", **ALL),
        row("defects.view_report", obj="other", **ALL),
        row(
            "defects.view_report",
            obj="pending",
            moderator=True,
            staff=True,
            member=True,
            admin=True,
        ),
        row("defects.handle_report", obj="own", staff=True, member=True, admin=True),
        row("defects.handle_report", obj="other", staff=True, admin=True),
        row("defects.handle_report", obj="company", staff=True, admin=True, company=True),
        row("defects.handle_report", obj="pending", staff=True, member=True, admin=True),
        row("defects.moderate_report", moderator=True, staff=True, admin=True),
        row("defects.moderate_report", obj="pending", moderator=True, staff=True, admin=True),
        row("defects.merge_report", obj="own", staff=True, member=True, admin=True),
        row("defects.merge_report", obj="other", staff=True, admin=True),
        row("defects.merge_report", obj="company", staff=True, admin=True, company=True),
        row(
            "defects.access_reports",
            moderator=True,
            staff=True,
            member=True,
            admin=True,
            company=True,
        ),
        *reference_rows("category"),
        *reference_rows("status"),
        *reference_rows("routingrule"),
        *reference_rows("answertemplate"),
        # Open311 clients are issued by administrators only.
        *[
            row(f"defects.{action}_open311client", admin=True)
            for action in ("add", "change", "delete", "view")
        ],
    ],
    personas=PERSONAS_WITH_COMPANY,
)


@pytest.fixture
def world():
    initial_status()
    office = DepartmentFactory(slug="matrix-office")
    other_office = DepartmentFactory()
    company = DepartmentFactory(kind=Department.Kind.MUNICIPAL_COMPANY)
    users = personas_create(staff_permissions=CENTRAL_PERMISSIONS, department=office)
    users["company"] = _user("company")
    DepartmentMembership.objects.create(user=users["company"], department=company)
    objects = {
        "own": ReportFactory(category=CategoryFactory(department=office)),
        "other": ReportFactory(category=CategoryFactory(department=other_office)),
        "company": ReportFactory(category=CategoryFactory(department=company)),
        "pending": ReportFactory(
            category=CategoryFactory(department=office), moderation=Report.Moderation.PENDING
        ),
        "closed": ReportFactory(
            category=CategoryFactory(department=office), status=closed_status()
        ),
    }
    return users, objects


def test_defects_permission_matrix(world):
    users, objects = world
    assert_matrix(MATRIX, users, objects=objects)


def test_a_company_handler_is_refused_every_office_report(world):
    users, objects = world
    company_user = users["company"]
    for name in ("own", "other", "pending", "closed"):
        assert not company_user.has_perm("defects.handle_report", objects[name]), name
