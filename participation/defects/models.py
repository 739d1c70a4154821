"""The defect reporter's data: categories, routing, statuses, reports and their timeline.

Personal data lives apart from the report (``ReporterContact``) so that it can be deleted after
the retention period without touching the public record. Models hold data and invariants; every
write goes through ``participation.defects.services``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.gis.db import models
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from portal.core.i18n import in_reader_language
from portal.core.models import Department, District

DESCRIPTION_MAX_LENGTH = 4000  # Open311's request schema caps description at 4000 characters.
SERVICE_CODE_VALIDATOR = RegexValidator(
    r"^[A-Za-z0-9_.-]{1,40}$", _("Letters, digits, dot, hyphen and underscore only.")
)


class Status(models.Model):
    """A configurable status: its label, traffic-light colour and Open311's open or closed."""

    class Colour(models.TextChoices):
        RED = "red", _("red: reported, nobody working on it yet")
        YELLOW = "yellow", _("yellow: in progress")
        GREEN = "green", _("green: done")
        GREY = "grey", _("grey: closed without a fix")

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name = models.CharField(_("name (German)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=60, blank=True)
    colour = models.CharField(_("traffic-light colour"), max_length=10, choices=Colour.choices)
    is_closed = models.BooleanField(
        _("closed"), default=False, help_text=_("Open311 reports the status as “closed”.")
    )
    is_initial = models.BooleanField(
        _("initial"), default=False, help_text=_("New reports start in this status.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("report status")
        verbose_name_plural = _("report statuses")
        constraints = [
            models.UniqueConstraint(
                fields=["is_initial"],
                condition=models.Q(is_initial=True),
                name="defects_status_one_initial",
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return in_reader_language(self.name, self.name_en)

    @property
    def open311_status(self) -> str:
        return "closed" if self.is_closed else "open"


class Category(models.Model):
    """What a report is about: a tree (group → category), an Open311 service, a responsible unit."""

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("group"),
    )
    service_code = models.CharField(
        _("Open311 service code"), max_length=40, unique=True, validators=[SERVICE_CODE_VALIDATOR]
    )
    name = models.CharField(_("name (German)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    description = models.TextField(_("description (German)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    keywords = models.CharField(_("keywords"), max_length=200, blank=True)
    icon = models.CharField(
        _("icon"), max_length=40, blank=True, help_text=_("Name of the icon shown on the map.")
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="defect_categories",
        verbose_name=_("responsible unit"),
        help_text=_("Used where no routing rule with an area applies."),
    )
    attributes = models.JSONField(
        _("extra questions"),
        default=list,
        blank=True,
        help_text=_("Open311 service definition attributes (code, datatype, description, ...)."),
    )
    sensitive = models.BooleanField(
        _("sensitive"),
        default=False,
        help_text=_("Locations are published rounded to a 50 m grid."),
    )
    sensor_kind = models.CharField(
        _("sensor kind"),
        max_length=60,
        blank=True,
        help_text=_("Slug of the observed property of sensors that watch such things."),
    )
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("report category")
        verbose_name_plural = _("report categories")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return in_reader_language(self.name, self.name_en)

    @property
    def description_label(self) -> str:
        return in_reader_language(self.description, self.description_en)


class AnswerTemplate(models.Model):
    """A ready answer staff pick when changing a report's status."""

    category = models.ForeignKey(
        Category,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="answer_templates",
        verbose_name=_("category"),
        help_text=_("Empty: offered for every category."),
    )
    title = models.CharField(_("title"), max_length=100)
    text = models.TextField(_("text (German)"))
    text_en = models.TextField(_("text (English)"), blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("answer template")
        verbose_name_plural = _("answer templates")

    def __str__(self) -> str:
        return self.title


class RoutingRule(models.Model):
    """Category (and its subcategories) in an area → the office or company that handles it."""

    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, related_name="routing_rules", verbose_name=_("category")
    )
    area = models.MultiPolygonField(
        _("area"), srid=4326, null=True, blank=True, help_text=_("Empty: the whole city.")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="defect_routing_rules",
        verbose_name=_("district"),
        help_text=_("Instead of an area: a whole district."),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="defect_routing_rules",
        verbose_name=_("responsible unit"),
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), default=100, help_text=_("Lower numbers are tried first.")
    )

    class Meta:
        ordering = ["priority", "pk"]
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")

    def __str__(self) -> str:
        return f"{self.category} → {self.department}"


class Report(models.Model):
    """A defect in public space, as the public sees it (no contact data here)."""

    class Channel(models.TextChoices):
        WEB = "web", _("web form")
        API = "api", _("app or Open311 API")
        PHONE = "phone", _("phone")
        COUNTER = "counter", _("counter")
        EMAIL = "email", _("e-mail")
        SENSOR = "sensor", _("sensor")

    class Moderation(models.TextChoices):
        PENDING = "pending", _("waiting for moderation")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="reports", verbose_name=_("category")
    )
    status = models.ForeignKey(
        Status, on_delete=models.PROTECT, related_name="reports", verbose_name=_("status")
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="defect_reports",
        verbose_name=_("responsible unit"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        related_name="defect_reports",
        verbose_name=_("district"),
    )
    location = models.PointField(_("location"), srid=4326)
    address = models.CharField(_("address"), max_length=200, blank=True)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX_LENGTH)
    attributes = models.JSONField(_("answers to extra questions"), default=dict, blank=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    moderation = models.CharField(
        _("moderation"), max_length=10, choices=Moderation.choices, default=Moderation.PENDING
    )
    moderation_reason = models.TextField(_("reason of the moderation decision"), blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="defect_reports",
        verbose_name=_("reporter's account"),
    )
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    supporter_count = models.PositiveIntegerField(_("supporters"), default=0)
    created_at = models.DateTimeField(_("reported"), db_index=True)
    updated_at = models.DateTimeField(_("updated"))
    confirmed_at = models.DateTimeField(_("confirmed by e-mail"), null=True, blank=True)
    # When it became public (at once, by its link or by a moderator): the area digests list
    # what was published since the last one, whenever it was reported.
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    first_answer_at = models.DateTimeField(_("first answer"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    staff_notified_at = models.DateTimeField(_("unit notified"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("defect report")
        verbose_name_plural = _("defect reports")
        indexes = [models.Index(fields=["category", "status"], name="defects_report_cat_status")]
        permissions = [("handle_all_reports", _("Can handle every report, whatever its unit"))]

    def __str__(self) -> str:
        return f"#{self.pk} {self.category}"

    @property
    def is_public(self) -> bool:
        return self.moderation == self.Moderation.APPROVED and self.duplicate_of_id is None


class ReporterContact(models.Model):
    """Who to tell about a report: personal data, never public, deleted after retention."""

    report = models.OneToOneField(
        Report, on_delete=models.CASCADE, related_name="contact", verbose_name=_("report")
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=8, default="de")
    wants_updates = models.BooleanField(_("wants status mails"), default=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation link sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("reporter's contact")
        verbose_name_plural = _("reporters' contacts")

    def __str__(self) -> str:
        return str(_("Contact of report #%(id)s") % {"id": self.report_id})


def photo_path(instance: ReportPhoto, filename: str) -> str:
    # Random names: the original file name may carry personal data.
    return f"defects/{uuid.uuid4().hex}.jpg"


class ReportPhoto(models.Model):
    """A photo, re-encoded without metadata; public only once a moderator released it."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="photos", verbose_name=_("report")
    )
    image = models.ImageField(
        _("image"), upload_to=photo_path, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(_("width"), default=0)
    height = models.PositiveIntegerField(_("height"), default=0)
    public = models.BooleanField(_("released"), default=False)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("report photo")
        verbose_name_plural = _("report photos")

    def __str__(self) -> str:
        return str(
            _("Photo %(id)s of report #%(report)s") % {"id": self.pk, "report": self.report_id}
        )


class ReportUpdate(models.Model):
    """One entry of a report's timeline: created, status change, answer, note, merge, ..."""

    class Kind(models.TextChoices):
        CREATED = "created", _("reported")
        CONFIRMED = "confirmed", _("confirmed")
        MODERATED = "moderated", _("moderated")
        STATUS = "status", _("status changed")
        ANSWER = "answer", _("answer")
        NOTE = "note", _("internal note")
        ASSIGNED = "assigned", _("assigned")
        MERGED = "merged", _("merged")
        REOPENED = "reopened", _("reopened")
        SUPPORTED = "supported", _("supported")
        EXTERNAL = "external", _("update from an external system")

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="updates", verbose_name=_("report")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    status = models.ForeignKey(
        Status,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("new status"),
    )
    text = models.TextField(_("text"), blank=True, max_length=DESCRIPTION_MAX_LENGTH)
    public = models.BooleanField(_("public"), default=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("at"), db_index=True)
    # Set when the mail to the reporter went out (or was not needed): claimed race-free.
    notified_at = models.DateTimeField(_("reporter notified"), null=True, blank=True)
    # The sending system's own name for an update ("<client>:<its update_id>" for Open311),
    # so that a retried update is recognised instead of stored twice.
    external_ref = models.CharField(_("external reference"), max_length=120, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["external_ref"],
                condition=~models.Q(external_ref=""),
                name="defects_update_external_ref_unique",
            )
        ]
        verbose_name = _("report update")
        verbose_name_plural = _("report updates")

    def __str__(self) -> str:
        return f"#{self.report_id} {self.get_kind_display()}"


class ReportForward(models.Model):
    """A report forwarded by mail to an external handler: kept until the mail went out, so
    that a broker or mail outage delays it and never loses it (the pending-mail sweep)."""

    update = models.OneToOneField(
        ReportUpdate, on_delete=models.CASCADE, related_name="forward", verbose_name=_("entry")
    )
    email = models.EmailField(_("e-mail address"))
    message = models.TextField(_("message"), blank=True, max_length=DESCRIPTION_MAX_LENGTH)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("forward")
        verbose_name_plural = _("forwards")

    def __str__(self) -> str:
        return f"#{self.update_id} → {self.email}"


class ReportSupport(models.Model):
    """A "me too": one per account, or one per anonymous browser (hashed session key)."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="supports", verbose_name=_("report")
    )
    supporter_key = models.CharField(_("supporter"), max_length=64)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["report", "supporter_key"], name="defects_support_once")
        ]

    def __str__(self) -> str:
        return f"#{self.report_id} +1"


class Open311Client(models.Model):
    """An application that may create reports through Open311 (its ``api_key``, stored hashed)."""

    name = models.CharField(_("name"), max_length=100)
    contact_email = models.EmailField(_("contact e-mail address"), blank=True)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True, editable=False)
    secret_hash = models.CharField(_("SHA-256 hash of the key"), max_length=64, editable=False)
    may_update = models.BooleanField(
        _("may send status updates"),
        default=False,
        help_text=_("For the city's own back-office systems (servicerequestupdates)."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Open311 client")
        verbose_name_plural = _("Open311 clients")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


# Reports are never referenced from CMS pages: keep them (and their writes) out of Wagtail's
# reference index, which otherwise records every foreign key of every saved row.
for _model in (
    Status,
    Category,
    AnswerTemplate,
    RoutingRule,
    Report,
    ReporterContact,
    ReportPhoto,
    ReportUpdate,
    ReportSupport,
    Open311Client,
):
    _model.wagtail_reference_index_ignore = True  # type: ignore[attr-defined]
