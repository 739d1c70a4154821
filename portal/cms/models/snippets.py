"""Snippets: partners, funding programmes and glossary terms, shared by many pages."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


class Organisation(index.Indexed, models.Model):
    """A partner in projects. Names are proper nouns and are not translated."""

    class Kind(models.TextChoices):
        ADMINISTRATION = "administration", _("administration")
        MUNICIPAL_COMPANY = "municipal_company", _("municipal company")
        PRIVATE_FIRM = "private_firm", _("private firm")
        UNIVERSITY = "university", _("university or research institute")
        STARTUP = "startup", _("start-up")
        ASSOCIATION = "association", _("association or initiative")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    url = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("url")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class FundingProgramme(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=200)
    provider = models.CharField(_("provider"), max_length=100, help_text=_("Bund, Land, EU, ..."))
    funding_rate = models.CharField(_("funding rate"), max_length=60, blank=True)
    url = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("provider"),
        FieldPanel("funding_rate"),
        FieldPanel("url"),
        FieldPanel("description"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("description")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")

    def __str__(self) -> str:
        return self.name


class GlossaryTerm(TranslatableMixin, index.Indexed, models.Model):
    term = models.CharField(_("term"), max_length=120)
    definition = models.TextField(_("definition"))

    panels = [FieldPanel("term"), FieldPanel("definition")]
    search_fields = [index.SearchField("term"), index.SearchField("definition")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["term"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")

    def __str__(self) -> str:
        return self.term
