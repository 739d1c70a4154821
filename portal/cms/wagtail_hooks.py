"""Admin registrations: snippets with their own menu entries."""

from wagtail.snippets.models import register_snippet

from portal.cms.models import FundingProgramme, GlossaryTerm, Organisation

register_snippet(Organisation)
register_snippet(FundingProgramme)
register_snippet(GlossaryTerm)
