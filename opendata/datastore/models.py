"""The tabular data store: CSV distributions loaded into tables that can be queried."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DatastoreTable(models.Model):
    """The database table that holds the rows of one CSV distribution (CKAN: DataStore).

    The rows live in a table of their own, named ``table_name``, with an ``_id`` primary key
    and one column per CSV column; ``fields`` describes those columns with CKAN's type names.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        LOADING = "loading", _("loading")
        ACTIVE = "active", _("active")
        FAILED = "failed", _("failed")

    distribution = models.OneToOneField(
        "catalogue.Distribution",
        on_delete=models.CASCADE,
        related_name="datastore_table",
        verbose_name=_("distribution"),
    )
    table_name = models.CharField(_("table name"), max_length=63, unique=True)
    fields = models.JSONField(
        _("fields"), default=list, blank=True, help_text=_("Columns as [{id, type}].")
    )
    row_count = models.PositiveBigIntegerField(_("rows"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    error = models.TextField(_("error"), blank=True)
    loaded_at = models.DateTimeField(
        _("loaded at"), null=True, blank=True, help_text=_("When the current rows were loaded.")
    )
    checksum_sha256 = models.CharField(
        _("SHA-256 checksum of the loaded file"), max_length=64, blank=True
    )
    status_changed_at = models.DateTimeField(_("status changed at"), auto_now=True)
    checked_at = models.DateTimeField(
        _("file checked at"),
        null=True,
        blank=True,
        help_text=_(
            "When a load last compared the file with the loaded rows; a distribution saved "
            "later is loaded again by the periodic sweep."
        ),
    )

    class Meta:
        ordering = ["-status_changed_at"]
        verbose_name = _("data store table")
        verbose_name_plural = _("data store tables")

    def __str__(self) -> str:
        return self.table_name

    @property
    def is_queryable(self) -> bool:
        """Whether rows exist: a failed reload keeps the rows of the previous load."""
        return self.loaded_at is not None


class OrphanedTable(models.Model):
    """A ``datastore_*`` table that no record points at, as the periodic sweep first saw it.

    Left behind by a worker killed in the middle of a load (its temporary table) or by a
    record deleted while its rows were being swapped in. Databases keep no creation time of a
    table, so the sweep notes when it first saw one and drops it after a grace period.
    """

    name = models.CharField(_("table name"), max_length=63, unique=True)
    first_seen_at = models.DateTimeField(_("first seen at"))

    class Meta:
        verbose_name = _("orphaned data store table")
        verbose_name_plural = _("orphaned data store tables")

    def __str__(self) -> str:
        return self.name
