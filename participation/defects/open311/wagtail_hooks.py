"""The admin's “Open311 clients” page (under Settings), for staff who may add such clients."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from participation.defects.open311 import admin_views


@hooks.register("register_admin_urls")
def register_open311_client_urls():
    return [
        path("open311-clients/", admin_views.client_index, name="open311_clients"),
        path(
            "open311-clients/<int:pk>/revoke/",
            admin_views.client_revoke,
            name="open311_client_revoke",
        ),
    ]


class Open311ClientMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(admin_views.ADD_CLIENT)


@hooks.register("register_settings_menu_item")
def register_open311_client_menu_item():
    return Open311ClientMenuItem(
        _("Open311 clients"), reverse("open311_clients"), icon_name="key", order=910
    )
