from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DefectsConfig(AppConfig):
    name = "participation.defects"
    label = "defects"
    verbose_name = _("Defect reporter")

    def ready(self) -> None:
        # Imported once the app registry is ready (the modules import models).
        from django.conf import settings
        from django.db.models.signals import post_delete, post_save

        from opendata.sensors.services import alert_listener_register
        from participation.defects.handling.services import sensor_alert_heard
        from participation.defects.models import Category, RoutingRule, Status
        from participation.defects.promise import public_holidays
        from participation.defects.reference import reference_changed
        from portal.core.models import Department, District

        # Sensor alerts (a bin full, a sensor gone silent) open internal reports.
        alert_listener_register(sensor_alert_heard)

        # Every process re-reads categories, rules, statuses and districts once one changes
        # (the admin edits them through plain model forms).
        for model in (Category, RoutingRule, Status, District, Department):
            post_save.connect(reference_changed, sender=model, dispatch_uid=f"reference-{model}")
            post_delete.connect(reference_changed, sender=model, dispatch_uid=f"ref-del-{model}")

        # A misspelt state stops the start, not the first deadline shown to staff.
        public_holidays(settings.DEFECTS_PUBLIC_HOLIDAYS)
