"""The catalogue on the DCAT-AP.de model: publishers, datasets and their distributions."""

from __future__ import annotations

import uuid

from django import forms
from django.conf import settings
from django.contrib.gis.db import models
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from opendata.catalogue.uploads import check_upload
from opendata.catalogue.vocabularies import (
    AccessRights,
    FileFormat,
    Frequency,
    Licence,
    Theme,
)
from portal.core.i18n import in_reader_language


class Publisher(models.Model):
    """An organisation that publishes datasets (CKAN: organization)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.SlugField(_("name (URL)"), max_length=100, unique=True)
    title = models.CharField(_("title (German)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    homepage = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("contact e-mail address"))
    department = models.OneToOneField(
        "core.Department",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="publisher",
        verbose_name=_("department"),
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("publisher")
        verbose_name_plural = _("publishers")

    def __str__(self) -> str:
        return self.title

    @property
    def localized_title(self) -> str:
        return in_reader_language(self.title, self.title_en)


class DataTheme(models.Model):
    """A term of the EU data-theme vocabulary; rows are created by a migration, never edited."""

    code = models.CharField(_("code"), max_length=4, primary_key=True, choices=Theme.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = _("data theme")
        verbose_name_plural = _("data themes")

    def __str__(self) -> str:
        return str(self.label)

    @property
    def label(self) -> str:
        return Theme(self.code).label


class DatasetKeyword(TaggedItemBase):
    """A free keyword of a dataset (dcat:keyword), shared tag table with Wagtail."""

    content_object = ParentalKey(
        "catalogue.Dataset", on_delete=models.CASCADE, related_name="keyword_items"
    )


def search_words(*texts: str) -> str:
    return " ".join(text.lower() for text in texts if text)


def search_text_of(dataset: Dataset) -> str:
    publisher = dataset.publisher if dataset.publisher_id else None
    return search_words(
        dataset.name,
        dataset.title,
        dataset.title_en,
        dataset.description,
        dataset.description_en,
        publisher.title if publisher else "",
        publisher.title_en if publisher else "",
        *dataset.keyword_names,
    )


class DatasetQuerySet(models.QuerySet):
    def published(self) -> DatasetQuerySet:
        return self.filter(state=Dataset.State.PUBLISHED)


class Dataset(ClusterableModel):
    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.SlugField(
        _("name (URL)"),
        max_length=100,
        unique=True,
        help_text=_("Lowercase letters, digits and hyphens; part of every API address."),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.DRAFT, db_index=True
    )
    title = models.CharField(_("title (German)"), max_length=250)
    title_en = models.CharField(_("title (English)"), max_length=250, blank=True)
    description = models.TextField(_("description (German)"))
    description_en = models.TextField(_("description (English)"), blank=True)
    publisher = models.ForeignKey(
        Publisher, on_delete=models.PROTECT, related_name="datasets", verbose_name=_("publisher")
    )
    contact_name = models.CharField(_("contact point"), max_length=150)
    contact_email = models.EmailField(_("contact e-mail address"))
    themes = ParentalManyToManyField(
        DataTheme,
        blank=True,
        related_name="datasets",
        verbose_name=_("themes"),
        help_text=_("Terms of the EU data-theme vocabulary."),
    )
    keywords = ClusterTaggableManager(
        through=DatasetKeyword, blank=True, verbose_name=_("keywords")
    )
    licence = models.CharField(
        _("licence"), max_length=40, choices=Licence.choices, default=Licence.DL_BY_DE_2
    )
    attribution = models.CharField(
        _("attribution text"),
        max_length=250,
        blank=True,
        help_text=_("Required by attribution licences, e.g. “Stadt Lindenhafen”."),
    )
    issued = models.DateField(_("issued"), null=True, blank=True)
    modified = models.DateTimeField(_("modified"), null=True, blank=True)
    accrual_periodicity = models.CharField(
        _("update frequency"), max_length=20, choices=Frequency.choices, blank=True
    )
    temporal_start = models.DateField(_("period from"), null=True, blank=True)
    temporal_end = models.DateField(_("period until"), null=True, blank=True)
    spatial = models.MultiPolygonField(_("area covered"), srid=4326, null=True, blank=True)
    political_geocoding_uri = models.URLField(
        _("political geocoding URI"),
        blank=True,
        help_text=_("For example the municipality key URI of DCAT-AP.de."),
    )
    landing_page = models.URLField(_("landing page"), blank=True)
    access_rights = models.CharField(
        _("access rights"), max_length=20, choices=AccessRights.choices, default=AccessRights.PUBLIC
    )
    provenance = models.TextField(_("provenance"), blank=True)
    version = models.CharField(_("version"), max_length=40, blank=True)
    action_field = models.CharField(_("action field"), max_length=60, blank=True)
    metadata_created = models.DateTimeField(_("record created"), auto_now_add=True)
    metadata_modified = models.DateTimeField(_("record modified"), auto_now=True, db_index=True)
    # Lower-cased words of titles, descriptions, name, publisher and keywords: full-text search
    # is one LIKE per word, the same on SQLite and PostgreSQL, and folds umlauts on both.
    search_text = models.TextField(default="", blank=True, editable=False)

    objects = DatasetQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("state"), FieldPanel("publisher")],
            heading=_("Identity and state"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("description"),
                FieldPanel("title_en"),
                FieldPanel("description_en"),
            ],
            heading=_("Title and description"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("keywords"),
                FieldPanel("action_field"),
            ],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [FieldPanel("licence"), FieldPanel("attribution"), FieldPanel("access_rights")],
            heading=_("Licence and access"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email")],
            heading=_("Contact point"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("issued"), FieldPanel("modified")]),
                FieldPanel("accrual_periodicity"),
                FieldRowPanel([FieldPanel("temporal_start"), FieldPanel("temporal_end")]),
                FieldPanel("political_geocoding_uri"),
                FieldPanel("landing_page"),
                FieldPanel("provenance"),
                FieldPanel("version"),
            ],
            heading=_("Time, place and provenance"),
        ),
        InlinePanel("distributions", label=_("Distributions"), min_num=0),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.temporal_start and self.temporal_end and self.temporal_end < self.temporal_start:
            errors["temporal_end"] = _("The end must not be before the start.")
        if errors:
            raise ValidationError(errors)

    @property
    def localized_title(self) -> str:
        return in_reader_language(self.title, self.title_en)

    @property
    def localized_description(self) -> str:
        return in_reader_language(self.description, self.description_en)

    @property
    def theme_codes(self) -> list[str]:
        return sorted(theme.code for theme in self.themes.all())

    @property
    def keyword_names(self) -> list[str]:
        # Through the tagged items, which the selectors prefetch with their tags.
        return sorted(item.tag.name for item in self.keyword_items.all())


class Distribution(models.Model):
    """One way to get a dataset: an uploaded file or an external address."""

    class Availability(models.TextChoices):
        AVAILABLE = "AVAILABLE", _("available")
        EXPERIMENTAL = "EXPERIMENTAL", _("experimental")
        STABLE = "STABLE", _("stable")
        TEMPORARY = "TEMPORARY", _("temporary")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dataset = ParentalKey(Dataset, on_delete=models.CASCADE, related_name="distributions")
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    file = models.FileField(_("file"), upload_to="catalogue/%Y/%m/", blank=True)
    url = models.URLField(_("external address"), max_length=500, blank=True)
    format = models.CharField(_("format"), max_length=20, choices=FileFormat.choices)
    byte_size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    checksum_sha256 = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True)
    licence = models.CharField(_("licence"), max_length=40, choices=Licence.choices)
    availability = models.CharField(
        _("availability"), max_length=20, choices=Availability.choices, default=Availability.STABLE
    )
    position = models.PositiveSmallIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("file"),
        FieldPanel("url"),
        FieldPanel("format"),
        FieldPanel("licence"),
        FieldPanel("availability"),
    ]

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("distribution")
        verbose_name_plural = _("distributions")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(file="", url=""), name="distribution_has_file_or_url"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        # Only new uploads: files already stored were checked when they arrived.
        if self.file and not getattr(self.file, "_committed", True):
            problem = check_upload(self.file, self.format)
            if problem:
                raise ValidationError({"file": problem})


class DataService(models.Model):
    """One of the portal's own APIs as a catalogue entry (dcat:DataService)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.SlugField(_("name (URL)"), max_length=100, unique=True)
    title = models.CharField(_("title (German)"), max_length=250)
    title_en = models.CharField(_("title (English)"), max_length=250, blank=True)
    description = models.TextField(_("description (German)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    publisher = models.ForeignKey(
        Publisher, on_delete=models.PROTECT, related_name="services", verbose_name=_("publisher")
    )
    endpoint_path = models.CharField(
        _("endpoint"),
        max_length=300,
        help_text=_("Path on this portal, e.g. /api/3/action/, or a full address."),
    )
    endpoint_description_path = models.CharField(
        _("endpoint description"),
        max_length=300,
        blank=True,
        help_text=_("Where the API describes itself, e.g. the OpenAPI schema."),
    )
    conforms_to = models.URLField(_("standard"), max_length=300, blank=True)
    licence = models.CharField(
        _("licence"), max_length=40, choices=Licence.choices, default=Licence.DL_ZERO_DE_2
    )
    access_rights = models.CharField(
        _("access rights"), max_length=20, choices=AccessRights.choices, default=AccessRights.PUBLIC
    )
    serves_all_datasets = models.BooleanField(
        _("serves the whole catalogue"),
        default=False,
        help_text=_("For example the CKAN API; otherwise choose the datasets it serves."),
    )
    serves_datasets = models.ManyToManyField(
        Dataset, blank=True, related_name="services", verbose_name=_("datasets served")
    )
    is_published = models.BooleanField(_("listed in the catalogue"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("title"),
        FieldPanel("title_en"),
        FieldPanel("description"),
        FieldPanel("description_en"),
        FieldPanel("publisher"),
        FieldPanel("endpoint_path"),
        FieldPanel("endpoint_description_path"),
        FieldPanel("conforms_to"),
        FieldPanel("licence"),
        FieldPanel("access_rights"),
        FieldPanel("serves_all_datasets"),
        FieldPanel("serves_datasets"),
        FieldPanel("is_published"),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = _("data service")
        verbose_name_plural = _("data services")

    def __str__(self) -> str:
        return self.title

    @property
    def localized_title(self) -> str:
        return in_reader_language(self.title, self.title_en)

    @property
    def localized_description(self) -> str:
        return in_reader_language(self.description, self.description_en)


class DatasetRecordChange(models.Model):
    """One version of a dataset's metadata record: every change is kept (catalogue history)."""

    class Source(models.TextChoices):
        ADMIN = "admin", _("editorial office")
        API = "api", _("API")
        HARVEST = "harvest", _("harvest")
        IMPORT = "import", _("import")
        SYSTEM = "system", _("system")

    dataset = models.ForeignKey(
        Dataset,
        null=True,
        on_delete=models.SET_NULL,
        related_name="record_changes",
        verbose_name=_("dataset"),
    )
    dataset_name = models.CharField(_("dataset name"), max_length=100, db_index=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True, db_index=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("changed by"),
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    changed_fields = models.JSONField(_("changed fields"), default=list)
    snapshot = models.JSONField(_("record"))

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("record change")
        verbose_name_plural = _("record changes")

    def __str__(self) -> str:
        return f"{self.dataset_name} {self.changed_at:%Y-%m-%d %H:%M}"


class DatasetDescription(models.Model):
    """A published dataset's DCAT-AP.de description as Turtle, kept for the catalogue stream.

    It holds while the dataset's ``metadata_modified`` (which every change of the record moves
    on) and the ``context`` it was written in (the code's version of the description, the
    portal's address, the data services' endpoints) are the current ones; otherwise the stream
    writes it anew. The lineage is not in it: a sensor's changes with every release.
    """

    dataset = models.OneToOneField(
        Dataset,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="description_turtle",
        verbose_name=_("dataset"),
    )
    metadata_modified = models.DateTimeField(_("record modified"))
    context = models.CharField(_("context"), max_length=64)
    turtle = models.TextField(_("Turtle"))

    class Meta:
        verbose_name = _("kept RDF description")
        verbose_name_plural = _("kept RDF descriptions")

    def __str__(self) -> str:
        return str(self.dataset_id)
