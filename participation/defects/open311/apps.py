from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal.core.ratelimit import register_client_identifier


class Open311Config(AppConfig):
    """Its own app only so that its Wagtail hooks and admin template are found on their own."""

    name = "participation.defects.open311"
    label = "defects_open311"
    verbose_name = _("Open311 interface")

    def ready(self) -> None:
        # Models are loaded only now, so the views module is imported here (Django's way).
        from participation.defects.open311.views import open311_client_identity

        register_client_identifier(open311_client_identity)
