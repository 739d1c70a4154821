"""Reference data of the city every part of the portal shares, and the contact channel."""

from __future__ import annotations

from django.conf import settings
from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.i18n import in_reader_language


class District(models.Model):
    """A city district (Stadtteil): the spatial unit for routing, statistics and privacy zones."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    number = models.PositiveSmallIntegerField(_("district number"), unique=True)
    population = models.PositiveIntegerField(_("inhabitants"), null=True, blank=True)
    area = models.MultiPolygonField(_("area"), srid=4326)

    class Meta:
        ordering = ["number"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """An office of the administration or a municipal company that takes on work."""

    class Kind(models.TextChoices):
        ADMINISTRATION = "administration", _("administration")
        MUNICIPAL_COMPANY = "municipal_company", _("municipal company")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name (German)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    email = models.EmailField(_("team e-mail address"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    responsibilities = models.TextField(_("responsibilities"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.localized_name

    @property
    def localized_name(self) -> str:
        return in_reader_language(self.name, self.name_en)


class DepartmentMembership(models.Model):
    """Who works for which department: the one notion of an organisational unit that
    publishers, defect routing and participation organisers point to."""

    class Role(models.TextChoices):
        MEMBER = "member", _("member")
        LEAD = "lead", _("lead")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="department_memberships",
        verbose_name=_("user"),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("department"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["department", "user"]
        verbose_name = _("department membership")
        verbose_name_plural = _("department memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "department"], name="core_membership_unique_user_department"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.department} ({self.get_role_display()})"


class ContactMessage(models.Model):
    """A message from the contact form. Personal data: never public, deleted after retention."""

    class Topic(models.TextChoices):
        GENERAL = "general", _("General question")
        ACCESSIBILITY = "accessibility", _("Accessibility barrier")
        PRIVACY = "privacy", _("Data protection")
        OPEN_DATA = "open_data", _("Open data")

    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail address"))
    message = models.TextField(_("message"), max_length=5000)
    page_url = models.CharField(_("page concerned"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=8, default="de")
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    forwarded_at = models.DateTimeField(_("forwarded to staff"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")

    def __str__(self) -> str:
        return f"{self.get_topic_display()} ({self.created_at:%Y-%m-%d})"
