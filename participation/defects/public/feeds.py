"""Atom feeds of public reports: all, per category (service code) and per district (slug).

Entries carry what the report page shows and nothing about the reporter: number, category,
status, district, date and the description (citizens' text, released by moderation).
Sensitive categories never show an address.
"""

from __future__ import annotations

from typing import Any

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from participation.defects import selectors
from participation.defects.models import Category, Report
from portal.core.models import District

FEED_ITEMS = 50


class ReportFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return None

    def title(self, obj: Any) -> str:
        return _("Defect reports")

    def subtitle(self, obj: Any) -> str:
        return _("The latest public reports of defects in public space.")

    def link(self, obj: Any) -> str:
        return reverse("defects:list")

    def feed_filter(self, obj: Any) -> selectors.ReportFilter | None:
        return None

    def items(self, obj: Any) -> list[Report]:
        reports = selectors.report_public_list(filters=self.feed_filter(obj))
        return list(reports[:FEED_ITEMS])

    def item_title(self, item: Report) -> str:
        return _("Report #%(id)s: %(category)s (%(status)s)") % {
            "id": item.pk,
            "category": item.category.label,
            "status": item.status.label,
        }

    def item_description(self, item: Report) -> str:
        lines = [
            _("Status: %(status)s") % {"status": item.status.label},
            _("District: %(district)s") % {"district": item.district.name},
        ]
        if item.address and not item.category.sensitive:
            lines.append(_("Address: %(address)s") % {"address": item.address})
        lines.append(item.description)
        return "\n\n".join(lines)

    def item_link(self, item: Report) -> str:
        return reverse("defects:report", args=[item.pk])

    def item_pubdate(self, item: Report) -> Any:
        return item.created_at

    def item_updateddate(self, item: Report) -> Any:
        return item.updated_at

    def item_categories(self, item: Report) -> list[str]:
        return [item.category.label, item.district.name]


class CategoryReportFeed(ReportFeed):
    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Category:
        category = selectors.category_by_code(service_code=kwargs["service_code"])
        if category is None:
            raise Http404
        return category

    def title(self, obj: Category) -> str:
        return _("Defect reports: %(category)s") % {"category": obj.label}

    def link(self, obj: Category) -> str:
        return reverse("defects:list") + f"?category={obj.service_code}"

    def feed_filter(self, obj: Category) -> selectors.ReportFilter:
        return selectors.ReportFilter(
            category_ids=tuple(selectors.category_with_descendants(category=obj))
        )


class DistrictReportFeed(ReportFeed):
    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> District:
        district = selectors.district_list().filter(slug=kwargs["slug"]).first()
        if district is None:
            raise Http404
        return district

    def title(self, obj: District) -> str:
        return _("Defect reports in %(district)s") % {"district": obj.name}

    def link(self, obj: District) -> str:
        return reverse("defects:list") + f"?district={obj.slug}"

    def feed_filter(self, obj: District) -> selectors.ReportFilter:
        return selectors.ReportFilter(district_id=obj.pk)
