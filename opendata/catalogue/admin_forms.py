"""Admin form: a dataset saved as published must meet DCAT-AP.de's requirements."""

from __future__ import annotations

from wagtail.admin.forms import WagtailAdminModelForm

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
        candidate = self.instance
        for name, value in cleaned.items():
            if hasattr(candidate, name) and name not in ("distributions",):
                try:
                    setattr(candidate, name, value)
                except (TypeError, ValueError):
                    continue
        for field, messages in dataset_publication_errors(
            dataset=candidate, distributions=distributions
        ).items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)
        return cleaned
