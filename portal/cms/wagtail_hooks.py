"""Admin registrations: snippets with their own menu entries."""

from wagtail.snippets.models import register_snippet

from portal.cms.models import FundingProgramme, GlossaryTerm, Organisation
from portal.core.permissions import register_rules_policies

register_rules_policies(Organisation, FundingProgramme, GlossaryTerm)

register_snippet(Organisation)
register_snippet(FundingProgramme)
register_snippet(GlossaryTerm)
