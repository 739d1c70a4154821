"""Wagtail models of the portal, one module per concern."""

from portal.cms.models.events import EventFormat, EventIndexPage, EventPage
from portal.cms.models.images import PortalImage, PortalRendition
from portal.cms.models.pages import (
    ActionFieldPage,
    CaseStudyIndexPage,
    CaseStudyPage,
    FundingOverviewPage,
    GlossaryPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PortalPage,
    StandardPage,
    StrategyPage,
)
from portal.cms.models.projects import (
    ProjectIndexPage,
    ProjectKpi,
    ProjectPage,
    ProjectStatus,
    StrategyStep,
)
from portal.cms.models.settings import AlertBanner, LegalPages
from portal.cms.models.snippets import FundingProgramme, GlossaryTerm, Organisation

__all__ = [
    "ActionFieldPage",
    "AlertBanner",
    "CaseStudyIndexPage",
    "CaseStudyPage",
    "EventFormat",
    "EventIndexPage",
    "EventPage",
    "FundingOverviewPage",
    "FundingProgramme",
    "GlossaryPage",
    "GlossaryTerm",
    "HomePage",
    "LegalPages",
    "NewsIndexPage",
    "NewsPage",
    "Organisation",
    "PortalImage",
    "PortalPage",
    "PortalRendition",
    "ProjectIndexPage",
    "ProjectKpi",
    "ProjectPage",
    "ProjectStatus",
    "StandardPage",
    "StrategyPage",
    "StrategyStep",
]
