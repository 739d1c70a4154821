"""The "Departments" admin menu: offices and municipal companies, and who works for which."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from portal.core.models import Department, DepartmentMembership
from portal.core.permissions import register_rules_policies

register_rules_policies(Department, DepartmentMembership)


class DepartmentViewSet(ModelViewSet):
    model = Department
    name = "core_departments"
    icon = "group"
    menu_label = _("Departments")
    list_display = ["name", "kind", "email"]
    list_filter = ["kind"]
    search_fields = ["name", "name_en", "slug"]
    form_fields = ["slug", "name", "name_en", "kind", "email", "phone", "responsibilities"]
    copy_view_enabled = False


class DepartmentMembershipViewSet(ModelViewSet):
    model = DepartmentMembership
    name = "core_memberships"
    icon = "user"
    menu_label = _("Memberships")
    list_display = ["user", "department", "role"]
    list_filter = ["department", "role"]
    search_fields = ["user__username", "user__email", "department__name"]
    form_fields = ["user", "department", "role"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return DepartmentMembership.objects.select_related("user", "department")


class DepartmentsGroup(ViewSetGroup):
    items = (DepartmentViewSet, DepartmentMembershipViewSet)
    menu_icon = "group"
    menu_label = _("Departments")
    menu_name = "departments"


@hooks.register("register_admin_viewset")
def register_department_viewsets():
    return DepartmentsGroup()
