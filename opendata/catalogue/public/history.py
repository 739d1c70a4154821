"""The public record history of a dataset: when it changed, through which channel, which
fields; never by whom."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from opendata.catalogue import selectors
from opendata.catalogue.models import Dataset, DatasetRecordChange

HISTORY_PAGE_SIZE = 50
EXTRA_FIELD_LABELS = {
    "publisher": lambda: _("publisher"),
    "spatial": lambda: _("area covered"),
    "themes": lambda: _("themes"),
    "keywords": lambda: _("keywords"),
    "distributions": lambda: _("distributions"),
}


def _field_label(name: str) -> str:
    if name in EXTRA_FIELD_LABELS:
        return str(EXTRA_FIELD_LABELS[name]())
    try:
        return str(Dataset._meta.get_field(name).verbose_name)
    except Exception:  # a field that no longer exists in the model
        return name


def dataset_history(request: HttpRequest, name: str) -> HttpResponse:
    """When the record changed, through which channel, and which fields; never by whom."""
    dataset = selectors.dataset_get_public(name=name)
    if dataset is None:
        raise Http404("no such dataset")
    changes = (
        DatasetRecordChange.objects.filter(dataset=dataset)
        .only("changed_at", "source", "changed_fields")
        .order_by("-changed_at", "-id")
    )
    page = Paginator(changes, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    earliest = changes.values_list("pk", flat=True).last()
    entries = [
        {
            "changed_at": change.changed_at,
            "source": change.get_source_display(),
            "fields": [_field_label(f) for f in change.changed_fields],
            "first": change.pk == earliest,
        }
        for change in page
    ]
    context = {
        "dataset": dataset,
        "title_lang": "de" if translation.get_language() == "en" and not dataset.title_en else "",
        "page_obj": page,
        "entries": entries,
    }
    return render(request, "catalogue/history.html", context)
