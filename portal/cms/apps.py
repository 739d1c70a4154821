from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "portal.cms"
    label = "cms"
    verbose_name = _("Content")

    def ready(self) -> None:
        # Imported once the app registry is ready (the module imports the page models).
        from portal.cms import page_contexts

        # The lists pages show beside their fields come from the selectors.
        page_contexts.register()
