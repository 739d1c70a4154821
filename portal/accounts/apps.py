from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal.core.ratelimit import register_client_identifier


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # Models are loaded only now, so the token module is imported here (Django's way).
        from portal.accounts.tokens import api_token_client_identity

        register_client_identifier(api_token_client_identity)
