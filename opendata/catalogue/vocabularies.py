"""Controlled vocabularies that DCAT-AP.de prescribes, as URIs with German and English labels."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

DATA_THEME = "http://publications.europa.eu/resource/authority/data-theme/"
FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
ACCESS_RIGHT = "http://publications.europa.eu/resource/authority/access-right/"
LICENCES = "http://dcat-ap.de/def/licenses/"
MEDIA_TYPE = "https://www.iana.org/assignments/media-types/"


class Theme(models.TextChoices):
    """The EU data-theme vocabulary (dcat:theme)."""

    AGRI = "AGRI", _("Agriculture, fisheries, forestry and food")
    ECON = "ECON", _("Economy and finance")
    EDUC = "EDUC", _("Education, culture and sport")
    ENER = "ENER", _("Energy")
    ENVI = "ENVI", _("Environment")
    GOVE = "GOVE", _("Government and public sector")
    HEAL = "HEAL", _("Health")
    INTR = "INTR", _("International issues")
    JUST = "JUST", _("Justice, legal system and public safety")
    REGI = "REGI", _("Regions and cities")
    SOCI = "SOCI", _("Population and society")
    TECH = "TECH", _("Science and technology")
    TRAN = "TRAN", _("Transport")


class Licence(models.TextChoices):
    """Licences of the DCAT-AP.de licence vocabulary; the value is the path below LICENCES."""

    DL_BY_DE_2 = "dl-by-de/2.0", _("Data licence Germany – attribution – 2.0")
    DL_ZERO_DE_2 = "dl-zero-de/2.0", _("Data licence Germany – zero – 2.0")
    CC_BY_4 = "cc-by/4.0", _("Creative Commons Attribution 4.0 International")
    CC_ZERO = "cc-zero", _("Creative Commons CC0 1.0 Universal")


LICENCES_REQUIRING_ATTRIBUTION = {Licence.DL_BY_DE_2, Licence.CC_BY_4}


class Frequency(models.TextChoices):
    CONTINUOUS = "UPDATE_CONT", _("continuously updated")
    DAILY = "DAILY", _("daily")
    WEEKLY = "WEEKLY", _("weekly")
    MONTHLY = "MONTHLY", _("monthly")
    QUARTERLY = "QUARTERLY", _("quarterly")
    ANNUAL = "ANNUAL", _("annually")
    IRREGULAR = "IRREG", _("irregularly")
    NEVER = "NEVER", _("never (final)")


class AccessRights(models.TextChoices):
    PUBLIC = "PUBLIC", _("public")
    RESTRICTED = "RESTRICTED", _("restricted")
    NON_PUBLIC = "NON_PUBLIC", _("not public")


class FileFormat(models.TextChoices):
    """EU file types (dct:format) with the IANA media type they are served as."""

    CSV = "CSV", "CSV"
    GEOJSON = "GEOJSON", "GeoJSON"
    JSON = "JSON", "JSON"
    PDF = "PDF", "PDF"
    XLSX = "XLSX", "XLSX"
    API = "API", _("web service")


MEDIA_TYPES = {
    "CSV": "text/csv",
    "GEOJSON": "application/geo+json",
    "JSON": "application/json",
    "PDF": "application/pdf",
    "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
