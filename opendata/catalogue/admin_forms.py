"""Admin form: a dataset saved as published must meet DCAT-AP.de's requirements."""

from __future__ import annotations

import copy

from wagtail.admin.forms import WagtailAdminModelForm

from opendata.catalogue.models import Dataset
from opendata.catalogue.services import dataset_publication_errors


class DatasetAdminForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("state") != "published":
            return cleaned
        formset = self.formsets.get("distributions")
        distributions = []
        if formset is not None and formset.is_valid():
            distributions = [
                form.instance
                for form in formset.forms
                if form.has_changed() or form.instance.pk
                if not (formset.can_delete and formset._should_delete_form(form))
            ]
        # A copy with the submitted values: the instance itself is saved by the form later.
        candidate = copy.copy(self.instance)
        for field in Dataset._meta.concrete_fields:
            if field.name in cleaned:
                setattr(
                    candidate,
                    field.attname if field.is_relation else field.name,
                    getattr(cleaned[field.name], "pk", cleaned[field.name]),
                )
        errors = dataset_publication_errors(
            dataset=candidate, distributions=distributions, themes=list(cleaned.get("themes") or [])
        )
        for field, messages in errors.items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)
        return cleaned
