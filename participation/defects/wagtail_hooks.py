"""The defect reporter in the Wagtail admin: the "Mängelmelder" menu and its policies."""

from __future__ import annotations

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from participation.core.models import Street
from participation.defects.admin.viewsets import DefectsGroup, ReportPermissionPolicy
from participation.defects.models import AnswerTemplate, Category, Report, RoutingRule, Status
from portal.core.permissions import register_rules_policies

register_rules_policies(Category, Status, RoutingRule, AnswerTemplate, Street)
register_permission_policy(Report, ReportPermissionPolicy(Report))


@hooks.register("register_admin_viewset")
def register_defects_viewsets() -> DefectsGroup:
    return DefectsGroup()
