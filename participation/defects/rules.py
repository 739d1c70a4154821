"""Who may do what with defect reports.

Citizens, with or without an account, submit and support reports. Staff handle the reports
of the units they work for (``DepartmentMembership``): an office sees its reports, a municipal
company's handlers see the reports routed to the company. A central team holding
``defects.handle_all_reports`` (and superusers) handle every report; moderators decide what
citizens wrote and which photos are shown.
"""

from __future__ import annotations

from typing import Any

import rules

from portal.core.rules import (
    CRUD,
    add_model_perms,
    is_active_superuser,
    is_active_user,
    is_any_department_member,
    is_department_member,
    is_moderator,
    model_permission,
)


@rules.predicate
def is_anonymous_or_active(user: Any) -> bool:
    return not getattr(user, "is_authenticated", False) or bool(is_active_user(user))


@rules.predicate
def is_public_report(user: Any, report: Any) -> bool:
    return report is not None and bool(report.is_public)


@rules.predicate
def is_open_report(user: Any, report: Any) -> bool:
    return report is not None and not report.status.is_closed


handles_all_reports = is_active_superuser | model_permission("defects.handle_all_reports")
handles_report = handles_all_reports | is_department_member
# Seeing the report list in the admin at all: a central handler, a unit's staff, a moderator.
works_on_reports = handles_all_reports | is_moderator | is_any_department_member

rules.add_perm("defects.submit_report", is_anonymous_or_active)
rules.add_perm("defects.support_report", is_anonymous_or_active & is_public_report & is_open_report)
rules.add_perm("defects.view_report", is_public_report | handles_report | is_moderator)
rules.add_perm("defects.handle_report", handles_report)
rules.add_perm("defects.moderate_report", handles_all_reports | is_moderator)
rules.add_perm("defects.merge_report", handles_report)
rules.add_perm("defects.access_reports", works_on_reports)

# Reference data in the admin, as the model permissions say.
for model in ("category", "status", "routingrule", "answertemplate", "open311client"):
    add_model_perms("defects", model, CRUD)
