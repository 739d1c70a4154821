from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Open311Config(AppConfig):
    """Its own app only so that its Wagtail hooks and admin template are found on their own."""

    name = "participation.defects.open311"
    label = "defects_open311"
    verbose_name = _("Open311 interface")
