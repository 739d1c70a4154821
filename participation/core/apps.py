from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationCoreConfig(AppConfig):
    """What the defect reporter and the participation processes share: spam protection,
    photo handling, the privacy notice at the point of collection and the map component."""

    name = "participation.core"
    label = "participation_core"
    verbose_name = _("Participation")
