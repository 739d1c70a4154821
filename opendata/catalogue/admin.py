"""Keywords (taggit tags) are edited in the Django admin: through the catalogue's services.

A renamed or deleted keyword changes the record of every dataset that carries it (its search
words and ``metadata_modified``), so the tag admin saves and deletes through the services.
"""

from __future__ import annotations

from django.contrib import admin
from taggit.admin import TagAdmin
from taggit.models import Tag

from opendata.catalogue import services


class CatalogueTagAdmin(TagAdmin):
    def save_model(self, request, obj, form, change) -> None:
        services.tag_save(tag=obj)

    def delete_model(self, request, obj) -> None:
        services.tag_delete(tag=obj)

    def delete_queryset(self, request, queryset) -> None:
        for tag in queryset:
            services.tag_delete(tag=tag)


admin.site.unregister(Tag)
admin.site.register(Tag, CatalogueTagAdmin)
