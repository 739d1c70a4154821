"""Harvest sources, harvest jobs and the records they brought into the catalogue."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel


class HarvestSource(ClusterableModel):
    """A remote catalogue (CKAN or DCAT-AP) whose datasets are copied into ours."""

    class Kind(models.TextChoices):
        CKAN = "ckan", _("CKAN Action API")
        DCAT = "dcat", _("DCAT-AP catalogue (RDF)")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    url = models.URLField(
        _("address"),
        max_length=500,
        help_text=_(
            "CKAN: the site address, e.g. https://daten.example.org. "
            "DCAT: the catalogue document, e.g. https://daten.example.org/catalog.ttl."
        ),
    )
    publisher = models.ForeignKey(
        "catalogue.Publisher",
        on_delete=models.PROTECT,
        related_name="harvest_sources",
        verbose_name=_("default publisher"),
        help_text=_("Used for records that name no publisher; also the contact of last resort."),
    )
    fq = models.CharField(
        _("filter query"),
        max_length=500,
        blank=True,
        help_text=_("CKAN only: a Solr filter (fq), e.g. groups:tran."),
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=100,
        blank=True,
        help_text=_("CKAN only: harvest only datasets of this organisation (its name)."),
    )
    rows = models.PositiveIntegerField(
        _("records per request"),
        default=100,
        validators=[MinValueValidator(100), MaxValueValidator(1000)],
        help_text=_("CKAN only: page size of package_search (100 to 1000)."),
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive sources are not harvested periodically.")
    )
    timeout_seconds = models.PositiveSmallIntegerField(
        _("timeout in seconds"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_job = models.ForeignKey(
        "harvest.HarvestJob",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("last job"),
        editable=False,
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("active")]),
        FieldPanel("url"),
        FieldPanel("publisher"),
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("fq"), FieldPanel("rows")],
            heading=_("CKAN options"),
        ),
        FieldPanel("timeout_seconds"),
        InlinePanel(
            "publisher_mappings",
            heading=_("Publishers"),
            label=_("Organisation of the source"),
            help_text=_(
                "Datasets of a remote organisation are filed under the publisher given here. "
                "A remote organisation that merely has the name or title of one of this "
                "portal's publishers is filed under the default publisher instead."
            ),
        ),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = _("harvest source")
        verbose_name_plural = _("harvest sources")

    def __str__(self) -> str:
        return self.title


class PublisherMapping(models.Model):
    """The local publisher a remote organisation of one source is filed under: one that the
    source's harvest created for it, or one that staff chose. Harvests match only these, so
    a remote organisation cannot take over a city publisher by naming itself like one."""

    source = ParentalKey(
        HarvestSource,
        on_delete=models.CASCADE,
        related_name="publisher_mappings",
        verbose_name=_("source"),
    )
    remote_name = models.SlugField(
        _("organisation at the source"),
        max_length=100,
        help_text=_(
            "Its name at the source: in CKAN the organisation's name, in DCAT the last part "
            "of the publisher's address."
        ),
    )
    publisher = models.ForeignKey(
        "catalogue.Publisher",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("publisher"),
    )
    created_by_harvest = models.BooleanField(
        _("created by the harvest"), default=False, editable=False
    )

    panels = [FieldPanel("remote_name"), FieldPanel("publisher")]

    class Meta:
        ordering = ["remote_name"]
        verbose_name = _("publisher mapping")
        verbose_name_plural = _("publisher mappings")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "remote_name"], name="harvest_publisher_mapping_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.remote_name} → {self.publisher}"


class HarvestJob(models.Model):
    """One run of a harvest or one CSV import, with its counts and errors."""

    class Kind(models.TextChoices):
        CKAN = "ckan", _("CKAN harvest")
        DCAT = "dcat", _("DCAT harvest")
        CSV = "csv", _("CSV sheet import")

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        FINISHED = "finished", _("finished")
        FAILED = "failed", _("failed")

    source = models.ForeignKey(
        HarvestSource,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="jobs",
        verbose_name=_("source"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    started = models.DateTimeField(_("started"), null=True, blank=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    skipped_count = models.PositiveIntegerField(_("skipped"), default=0)
    errors = models.JSONField(
        _("errors"), default=list, blank=True, help_text=_("A list of {record, field, message}.")
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("started by"),
    )

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("harvest job")
        verbose_name_plural = _("harvest jobs")

    def __str__(self) -> str:
        where = self.source.title if self.source_id else self.file_name
        return f"{self.get_kind_display()} {where} ({self.get_status_display()})"

    @property
    def error_count(self) -> int:
        return len(self.errors or [])


class HarvestedRecord(models.Model):
    """Which remote record a catalogue dataset came from, for de-duplication."""

    source = models.ForeignKey(
        HarvestSource, on_delete=models.CASCADE, related_name="records", verbose_name=_("source")
    )
    remote_id = models.CharField(_("remote identifier"), max_length=500)
    dataset = models.OneToOneField(
        "catalogue.Dataset",
        on_delete=models.CASCADE,
        related_name="harvested_record",
        verbose_name=_("dataset"),
    )
    content_hash = models.CharField(_("content hash"), max_length=64)
    last_seen = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("harvested record")
        verbose_name_plural = _("harvested records")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "remote_id"], name="harvest_record_unique_per_source"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source} / {self.remote_id}"
