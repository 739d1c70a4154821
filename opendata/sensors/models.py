"""Sensor registry on the SensorThings model, raw readings (never public) and devices.

The registry follows OGC SensorThings 1.1 (Thing, Location, Sensor, ObservedProperty,
Datastream, FeatureOfInterest) with numeric ids, as SensorThings' ``@iot.id``. A Device is
what sends readings: it belongs to a Thing and authenticates with a token of which only the
SHA-256 hash is stored (see ``opendata.sensors.tokens``).

``RawObservation`` holds readings as they arrived, with identifiers that could point to a
person already replaced by a daily-keyed pseudonym (``opendata.sensors.pseudonyms``). No
public view, API or export reads this table; readings are deleted after
``SENSOR_RAW_RETENTION_DAYS`` (default 30) by a Celery beat task.

One module past 500 lines on purpose: the SensorThings entities, the raw store and the
published releases reference one another, and their constraints are the privacy invariants
that read best side by side.
"""

from __future__ import annotations

from django.contrib.gis.db import models as gis_models
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DefinitionURLField(models.URLField):
    """A URL field whose admin form assumes https for a URL typed without a scheme."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


DEFINITION_HELP = _("A URI that defines it, e.g. from QUDT or the OGC definitions server.")


class Location(models.Model):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    encoding_type = models.CharField(
        _("encoding type"), max_length=100, default="application/geo+json", editable=False
    )
    location = gis_models.PointField(_("location"), srid=4326)
    district = models.ForeignKey(
        "core.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sensor_locations",
        verbose_name=_("district"),
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self) -> str:
        return self.name


class Thing(models.Model):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    properties = models.JSONField(_("properties"), default=dict, blank=True)
    locations = models.ManyToManyField(
        Location, related_name="things", blank=True, verbose_name=_("locations")
    )
    operator = models.ForeignKey(
        "core.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sensor_things",
        verbose_name=_("operator"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("thing")
        verbose_name_plural = _("things")

    def __str__(self) -> str:
        return self.name


class Sensor(models.Model):
    class EncodingType(models.TextChoices):
        PDF = "application/pdf", "PDF"
        SENSORML = "http://www.opengis.net/doc/IS/SensorML/2.0", "SensorML 2.0"
        HTML = "text/html", "HTML"

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    encoding_type = models.CharField(
        _("encoding type"),
        max_length=100,
        choices=EncodingType.choices,
        default=EncodingType.HTML,
    )
    metadata = models.CharField(
        _("metadata"),
        max_length=500,
        blank=True,
        help_text=_("A link to the data sheet or the description in the encoding type."),
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("sensor")
        verbose_name_plural = _("sensors")

    def __str__(self) -> str:
        return self.name


class ObservedProperty(models.Model):
    name = models.CharField(_("name"), max_length=200)
    definition = DefinitionURLField(_("definition"), max_length=500, help_text=DEFINITION_HELP)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("observed property")
        verbose_name_plural = _("observed properties")

    def __str__(self) -> str:
        return self.name


class FeatureOfInterest(models.Model):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    encoding_type = models.CharField(
        _("encoding type"), max_length=100, default="application/geo+json", editable=False
    )
    feature = gis_models.GeometryField(_("feature"), srid=4326)
    # Set on features the publication creates ("h3:<cell>", "point:<hash of name and point>"):
    # unique, so that two jobs creating the same feature at once end up with one.
    key = models.CharField(
        _("key"), max_length=80, unique=True, null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("feature of interest")
        verbose_name_plural = _("features of interest")

    def __str__(self) -> str:
        return self.name


PERSON_DERIVED_K_MINIMUM = 10


class Datastream(models.Model):
    class ObservationType(models.TextChoices):
        MEASUREMENT = (
            "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement",
            _("measurement"),
        )
        COUNT = (
            "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_CountObservation",
            _("count"),
        )
        TRUTH = (
            "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_TruthObservation",
            _("true/false"),
        )

    class PrivacyClass(models.TextChoices):
        PUBLIC = "public", _("public")
        PERSON_DERIVED = "person_derived", _("person-derived (published only anonymised)")
        CRITICAL_INTERNAL = (
            "critical_internal",
            _("critical infrastructure (kept internal)"),
        )

    class Window(models.IntegerChoices):
        QUARTER_HOUR = 15, _("15 minutes")
        HOUR = 60, _("one hour")

    class Aggregation(models.TextChoices):
        MEAN = "mean", _("mean")
        SUM = "sum", _("sum")
        LAST = "last", _("last value")
        MAX = "max", _("maximum")
        DISTINCT_SUBJECTS = "distinct_subjects", _("distinct subjects (people or devices)")

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    thing = models.ForeignKey(
        Thing, on_delete=models.CASCADE, related_name="datastreams", verbose_name=_("thing")
    )
    sensor = models.ForeignKey(
        Sensor, on_delete=models.PROTECT, related_name="datastreams", verbose_name=_("sensor")
    )
    observed_property = models.ForeignKey(
        ObservedProperty,
        on_delete=models.PROTECT,
        related_name="datastreams",
        verbose_name=_("observed property"),
    )
    feature_of_interest = models.ForeignKey(
        FeatureOfInterest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="datastreams",
        verbose_name=_("feature of interest"),
        help_text=_("What the readings are about; defaults to the thing's location."),
    )
    unit_name = models.CharField(_("unit name"), max_length=100)
    unit_symbol = models.CharField(_("unit symbol"), max_length=30, blank=True)
    unit_definition = DefinitionURLField(
        _("unit definition"), max_length=500, blank=True, help_text=DEFINITION_HELP
    )
    observation_type = models.CharField(
        _("observation type"),
        max_length=100,
        choices=ObservationType.choices,
        default=ObservationType.MEASUREMENT,
    )
    valid_min = models.FloatField(
        _("valid minimum"), null=True, blank=True, help_text=_("Lower readings are refused.")
    )
    valid_max = models.FloatField(
        _("valid maximum"), null=True, blank=True, help_text=_("Higher readings are refused.")
    )
    warning_threshold = models.FloatField(
        _("warning threshold"),
        null=True,
        blank=True,
        help_text=_("Readings at or above it raise an alert (e.g. a flood level)."),
    )
    privacy_class = models.CharField(
        _("privacy class"),
        max_length=20,
        choices=PrivacyClass.choices,
        default=PrivacyClass.PUBLIC,
        db_index=True,
    )
    window_minutes = models.PositiveSmallIntegerField(
        _("publication window"),
        choices=Window.choices,
        default=Window.QUARTER_HOUR,
        help_text=_("Readings are published aggregated over windows of this length."),
    )
    aggregation = models.CharField(
        _("aggregation over time"),
        max_length=20,
        choices=Aggregation.choices,
        blank=True,
        default="",
        help_text=_(
            "How the readings of a window become one published value. Empty: mean for "
            "measurements, sum for counts, last value for true/false."
        ),
    )
    k_minimum = models.PositiveSmallIntegerField(
        _("minimum count k"),
        default=PERSON_DERIVED_K_MINIMUM,
        help_text=_(
            "Published cells counting fewer people or households are suppressed "
            "(at least 10 for person-derived streams)."
        ),
    )
    noise_epsilon_per_day = models.FloatField(
        _("privacy budget per day (epsilon)"),
        null=True,
        blank=True,
        help_text=_("Empty: no noise is added. Otherwise the daily budget for noisy releases."),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive streams refuse new readings.")
    )
    dataset = models.OneToOneField(
        "catalogue.Dataset",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="datastream",
        verbose_name=_("catalogue dataset"),
        help_text=_("The open-data record that publishes this stream's released values."),
    )
    offline_after_minutes = models.PositiveIntegerField(
        _("offline after (minutes)"),
        null=True,
        blank=True,
        help_text=_("Staff are alerted when no reading arrived for this long. Empty: never."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["thing__name", "name", "pk"]
        verbose_name = _("datastream")
        verbose_name_plural = _("datastreams")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_min__isnull=True)
                | Q(valid_max__isnull=True)
                | Q(valid_min__lte=models.F("valid_max")),
                name="sensors_datastream_valid_range",
            ),
            models.CheckConstraint(
                condition=~Q(privacy_class="person_derived")
                | Q(k_minimum__gte=PERSON_DERIVED_K_MINIMUM),
                name="sensors_datastream_person_derived_k",
            ),
            models.CheckConstraint(
                condition=Q(noise_epsilon_per_day__isnull=True) | Q(noise_epsilon_per_day__gt=0),
                name="sensors_datastream_epsilon_positive",
            ),
            models.CheckConstraint(
                condition=Q(window_minutes__in=[15, 60]), name="sensors_datastream_window"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if (
            self.valid_min is not None
            and self.valid_max is not None
            and self.valid_min > self.valid_max
        ):
            errors["valid_max"] = _("The maximum must not be below the minimum.")
        if (
            self.privacy_class == self.PrivacyClass.PERSON_DERIVED
            and self.k_minimum < PERSON_DERIVED_K_MINIMUM
        ):
            errors["k_minimum"] = _("Person-derived streams need k of at least %(k)d.") % {
                "k": PERSON_DERIVED_K_MINIMUM
            }
        if self.noise_epsilon_per_day is not None and self.noise_epsilon_per_day <= 0:
            errors["noise_epsilon_per_day"] = _("Epsilon must be positive.")
        if errors:
            raise ValidationError(errors)


class Device(models.Model):
    """Something that sends readings for one Thing's datastreams, with its own token."""

    name = models.CharField(_("name"), max_length=200)
    thing = models.ForeignKey(
        Thing, on_delete=models.CASCADE, related_name="devices", verbose_name=_("thing")
    )
    token_prefix = models.CharField(
        _("token begins with"), max_length=12, unique=True, editable=False
    )
    token_hash = models.CharField(_("token hash"), max_length=64, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    last_seen_at = models.DateTimeField(_("last contact"), null=True, blank=True, editable=False)
    # After a rotation the previous token keeps working until previous_token_valid_until, so
    # that devices in the field can be given the new one without a gap (sensors/tokens.py).
    previous_token_prefix = models.CharField(
        _("previous token begins with"),
        max_length=12,
        unique=True,
        null=True,
        blank=True,
        editable=False,
    )
    previous_token_hash = models.CharField(
        _("previous token hash"), max_length=64, blank=True, editable=False
    )
    previous_token_valid_until = models.DateTimeField(
        _("previous token valid until"), null=True, blank=True, editable=False
    )
    previous_token_last_used_at = models.DateTimeField(
        _("previous token last used"), null=True, blank=True, editable=False
    )
    # Claimed by the beat job that tells staff about a device unused for weeks or still on a
    # previous token that is about to end; cleared when the device is heard from again.
    unused_alerted_at = models.DateTimeField(
        _("unused alert sent"), null=True, blank=True, editable=False
    )
    previous_token_alerted_at = models.DateTimeField(
        _("previous token alert sent"), null=True, blank=True, editable=False
    )
    dev_eui = models.CharField(
        _("LoRaWAN DevEUI"),
        max_length=16,
        unique=True,
        null=True,
        blank=True,
        help_text=_("16 hexadecimal digits; uplinks from The Things Stack are matched by it."),
    )
    payload_fields = models.JSONField(
        _("payload fields"),
        default=dict,
        blank=True,
        help_text=_(
            "Which field of the decoded LoRaWAN payload feeds which datastream, e.g. "
            '{"level_cm": 12}.'
        ),
    )

    class Meta:
        ordering = ["thing__name", "name", "pk"]
        verbose_name = _("device")
        verbose_name_plural = _("devices")

    def __str__(self) -> str:
        return self.name

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


class RawObservation(models.Model):
    """A reading as received: never shown by any public view, deleted after retention.

    ``subject_pseudonym`` is the keyed hash of an identifier that could point to a person
    (for device counters: the counted device), or empty. Readings with the same datastream,
    phenomenon time and pseudonym are duplicates and stored once.
    """

    id = models.BigAutoField(primary_key=True)
    # Its own index besides the unique (datastream, phenomenon time, pseudonym): a stream's
    # rows found through it (B-tree deduplication keeps it small) cost a publication sweep
    # far less than through the wide unique index.
    datastream = models.ForeignKey(
        Datastream,
        on_delete=models.CASCADE,
        related_name="raw_observations",
        verbose_name=_("datastream"),
    )
    phenomenon_time = models.DateTimeField(_("phenomenon time"), db_index=True)
    result = models.FloatField(_("result"))
    subject_pseudonym = models.CharField(_("subject pseudonym"), max_length=16, blank=True)
    device = models.ForeignKey(
        Device,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("device"),
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)

    class Meta:
        verbose_name = _("raw observation")
        verbose_name_plural = _("raw observations")
        default_permissions = ()  # nobody edits raw readings by hand
        constraints = [
            models.UniqueConstraint(
                fields=["datastream", "phenomenon_time", "subject_pseudonym"],
                name="sensors_rawobservation_unique_reading",
            )
        ]

    def __str__(self) -> str:
        return f"{self.datastream_id} @ {self.phenomenon_time.isoformat()}"


class Release(models.Model):
    """What one publication job released for one datastream and one closed window.

    A release is written once and never changed: re-running the job for the same window
    returns it as stored (no fresh noise). ``digest`` is the SHA-256 of the release's
    canonical published content, so that a re-publication can be proven byte-identical.
    Readings that arrive after the release are counted in ``late_readings`` and not
    published (see the README's rule on late readings).
    """

    datastream = models.ForeignKey(  # indexed by the unique (datastream, window)
        Datastream,
        on_delete=models.CASCADE,
        related_name="releases",
        verbose_name=_("datastream"),
        db_index=False,
    )
    window_start = models.DateTimeField(_("window start"))
    window_end = models.DateTimeField(_("window end"))
    created_at = models.DateTimeField(_("released at"), default=timezone.now)
    method = models.CharField(_("method"), max_length=200)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    code_version = models.CharField(_("code version"), max_length=64)
    epsilon_spent = models.FloatField(_("epsilon spent"), default=0)
    readings_used = models.PositiveIntegerField(_("readings used"), default=0)
    late_readings = models.PositiveIntegerField(_("late readings"), default=0)
    digest = models.CharField(_("digest"), max_length=64)

    class Meta:
        ordering = ["datastream", "window_start"]
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        default_permissions = ("view",)  # releases are immutable records
        constraints = [
            # A window and the daily total that starts with it are two releases.
            models.UniqueConstraint(
                fields=["datastream", "window_start", "window_end"],
                name="sensors_release_one_per_interval",
            ),
            models.CheckConstraint(
                condition=Q(window_end__gt=models.F("window_start")),
                name="sensors_release_window_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.datastream} {self.window_start.isoformat()}"


class PublishedObservation(models.Model):
    """One published cell of a release: what SensorThings, the pages and the downloads read.

    ``cell`` names the spatial unit (empty for the stream's own location, otherwise e.g.
    ``district:<id>`` or ``h3:<index>``); ``feature_of_interest`` is that unit's geometry.
    A suppressed cell keeps ``result`` empty and is never served as an observation; it is
    kept so that pages can say a value was withheld.
    """

    id = models.BigAutoField(primary_key=True)
    datastream = models.ForeignKey(
        Datastream,
        on_delete=models.CASCADE,
        related_name="published_observations",
        verbose_name=_("datastream"),
        db_index=False,  # indexed by sensors_pub_stream_time
    )
    release = models.ForeignKey(  # indexed by the unique (release, cell)
        Release,
        on_delete=models.CASCADE,
        related_name="observations",
        verbose_name=_("release"),
        db_index=False,
    )
    phenomenon_time_start = models.DateTimeField(_("phenomenon time (start)"))
    phenomenon_time_end = models.DateTimeField(_("phenomenon time (end)"))
    result_time = models.DateTimeField(_("result time"))
    result = models.FloatField(_("result"), null=True, blank=True)
    suppressed = models.BooleanField(_("suppressed"), default=False)
    cell = models.CharField(_("cell"), max_length=64, blank=True)
    feature_of_interest = models.ForeignKey(
        FeatureOfInterest,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_observations",
        verbose_name=_("feature of interest"),
    )
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)

    class Meta:
        ordering = ["datastream", "phenomenon_time_start", "pk"]
        verbose_name = _("published observation")
        verbose_name_plural = _("published observations")
        default_permissions = ("view",)
        indexes = [
            models.Index(
                fields=["datastream", "phenomenon_time_start"],
                name="sensors_pub_stream_time",
            ),
            models.Index(fields=["phenomenon_time_start"], name="sensors_pub_time"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(suppressed=True, result__isnull=True) | Q(suppressed=False),
                name="sensors_published_suppressed_has_no_result",
            ),
            models.UniqueConstraint(
                fields=["release", "cell"], name="sensors_published_one_per_cell"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.datastream_id} {self.phenomenon_time_start.isoformat()} {self.cell}"


class PrivacyBudgetEntry(models.Model):
    """The ledger: epsilon charged to a datastream's daily budget, one entry per release.

    The publication job writes the entry and the release in one transaction, after locking
    the datastream row, and refuses a release that would take the day over
    ``Datastream.noise_epsilon_per_day``.
    """

    datastream = models.ForeignKey(
        Datastream,
        on_delete=models.CASCADE,
        related_name="budget_entries",
        verbose_name=_("datastream"),
    )
    day = models.DateField(_("day (UTC)"))
    epsilon = models.FloatField(_("epsilon"))
    release = models.OneToOneField(
        Release,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_entry",
        verbose_name=_("release"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["datastream", "day", "pk"]
        verbose_name = _("privacy budget entry")
        verbose_name_plural = _("privacy budget ledger")
        default_permissions = ("view",)
        indexes = [models.Index(fields=["datastream", "day"], name="sensors_budget_stream_day")]
        constraints = [
            models.CheckConstraint(condition=Q(epsilon__gt=0), name="sensors_budget_positive")
        ]

    def __str__(self) -> str:
        return f"{self.datastream_id} {self.day} ε={self.epsilon}"


class SensorAlert(models.Model):
    """A condition staff or the public are told about: a threshold crossed, a device silent."""

    class Kind(models.TextChoices):
        THRESHOLD = "threshold", _("threshold crossed")
        OFFLINE = "offline", _("sensor offline")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    datastream = models.ForeignKey(
        Datastream, on_delete=models.CASCADE, related_name="alerts", verbose_name=_("datastream")
    )
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    value = models.FloatField(_("value"), null=True, blank=True)
    notified_at = models.DateTimeField(_("staff notified at"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "pk"]
        verbose_name = _("sensor alert")
        verbose_name_plural = _("sensor alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["datastream", "kind"],
                condition=Q(ended_at__isnull=True),
                name="sensors_alert_one_open_per_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.datastream}"
