"""Staff see every data-store table with its status and error, read-only ("Data store")."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from opendata.datastore.models import DatastoreTable
from portal.core.permissions import ReadOnlyPermissionPolicy

# Whoever may work on datasets may look at the tables (datastore.rules); nobody edits them.
register_permission_policy(DatastoreTable, ReadOnlyPermissionPolicy(DatastoreTable))


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
        "checked_at",
    ]
    form_fields = ["status"]  # no add or edit: the permission policy allows only "view"


@hooks.register("register_admin_viewset")
def register_datastore_viewset():
    return DatastoreTableViewSet("datastore")
