"""Site search over the pages of the reader's language, with facets."""

from __future__ import annotations

from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from wagtail.models import Locale, Page

from portal.cms.models import ActionFieldPage

MAX_RESULTS = 500


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    chosen_type = request.GET.get("typ", "")
    chosen_field = request.GET.get("handlungsfeld", "")
    locale = Locale.objects.filter(language_code=translation.get_language()).first()
    context: dict[str, object] = {
        "query": query,
        "chosen_type": chosen_type,
        "chosen_field": chosen_field,
        "total": 0,
    }
    if query and locale is not None:
        pages = Page.objects.live().public().filter(locale=locale).exclude(depth__lte=1)
        hits = list(pages.search(query)[:MAX_RESULTS])
        fields = {
            page.path: page
            for page in ActionFieldPage.objects.filter(locale=locale).defer_streamfields()
        }

        def field_of(page: Page) -> ActionFieldPage | None:
            for path, field in fields.items():
                if page.path.startswith(path):
                    return field
            return None

        types = {
            ct.pk: ct
            for ct in ContentType.objects.filter(pk__in={page.content_type_id for page in hits})
        }
        type_counts = Counter(types[page.content_type_id].model for page in hits)
        field_counts = Counter(f.slug for page in hits if (f := field_of(page)))
        selected = [
            page
            for page in hits
            if (not chosen_type or types[page.content_type_id].model == chosen_type)
            and (not chosen_field or ((f := field_of(page)) and f.slug == chosen_field))
        ]
        specific = {
            page.pk: page
            for page in Page.objects.filter(pk__in=[page.pk for page in selected])
            .specific()
            .defer_streamfields()
        }
        paginator = Paginator([specific[page.pk] for page in selected if page.pk in specific], 20)
        context.update(
            page_obj=paginator.get_page(request.GET.get("seite")),
            total=len(selected),
            type_facets=[
                (model, types_verbose(types, model), count)
                for model, count in type_counts.most_common()
            ],
            field_facets=[
                (slug, next(f.title for f in fields.values() if f.slug == slug), count)
                for slug, count in field_counts.most_common()
            ],
        )
    return render(request, "cms/search.html", context)


def types_verbose(types: dict[int, ContentType], model: str) -> str:
    for content_type in types.values():
        if content_type.model == model:
            model_class = content_type.model_class()
            return str(model_class._meta.verbose_name) if model_class else model
    return model
