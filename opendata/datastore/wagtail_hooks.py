"""Staff see every data-store table with its status and error, read-only ("Data store")."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from opendata.datastore.models import DatastoreTable

CATALOGUE_PERMISSIONS = (
    "catalogue.add_dataset",
    "catalogue.change_dataset",
    "catalogue.delete_dataset",
    "catalogue.view_dataset",
)


class DatastorePermissionPolicy(ModelPermissionPolicy):
    """Whoever may work on datasets may look at the tables; nobody edits them by hand."""

    def user_has_permission(self, user, action):
        if action != "view" or not user.is_active:
            return False
        return user.is_superuser or any(user.has_perm(name) for name in CATALOGUE_PERMISSIONS)

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        User = get_user_model()
        if "view" not in actions:
            return User.objects.none()
        codenames = [name.split(".", 1)[1] for name in CATALOGUE_PERMISSIONS]
        permissions = Permission.objects.filter(
            content_type__app_label="catalogue", codename__in=codenames
        )
        return User.objects.filter(
            Q(is_superuser=True)
            | Q(groups__permissions__in=permissions)
            | Q(user_permissions__in=permissions),
            is_active=True,
        ).distinct()


register_permission_policy(DatastoreTable, DatastorePermissionPolicy(DatastoreTable))


class DatastoreTableViewSet(ModelViewSet):
    model = DatastoreTable
    icon = "table"
    menu_label = _("Data store")
    menu_name = "data-store"
    add_to_admin_menu = True
    menu_order = 310
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["distribution", "status", "row_count", "error", "loaded_at", "table_name"]
    list_filter = ["status"]
    search_fields = ["table_name", "distribution__title", "error"]
    inspect_view_fields = [
        "distribution",
        "status",
        "error",
        "row_count",
        "fields",
        "loaded_at",
        "checksum_sha256",
        "table_name",
        "status_changed_at",
    ]
    form_fields = ["status"]  # no add or edit: the permission policy allows only "view"


@hooks.register("register_admin_viewset")
def register_datastore_viewset():
    return DatastoreTableViewSet("datastore")
