"""The admin's “API tokens” page, for staff who may write the catalogue through the APIs."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.accounts import views
from portal.accounts.rules import HOLD_TOKENS


@hooks.register("register_admin_urls")
def register_api_token_urls():
    return [
        path("api-tokens/", views.api_token_index, name="accounts_api_tokens"),
        path(
            "api-tokens/<int:pk>/revoke/",
            views.api_token_revoke_view,
            name="accounts_api_token_revoke",
        ),
    ]


class ApiTokenMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(HOLD_TOKENS)


@hooks.register("register_settings_menu_item")
def register_api_token_menu_item():
    return ApiTokenMenuItem(_("API tokens"), "/admin/api-tokens/", icon_name="key", order=900)
