"""Forms of the accounts app: creating an API token in the admin."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import ApiToken

EXPIRY_CHOICES = [
    ("30", _("30 days")),
    ("90", _("90 days")),
    ("180", _("180 days")),
    ("365", _("one year")),
]


class ApiTokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “harvest script”."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    expires_in_days = forms.TypedChoiceField(
        label=_("Valid for"), choices=EXPIRY_CHOICES, coerce=int, initial="90"
    )

    def __init__(self, *args, allowed_scopes: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(ApiToken.Scope.choices)
        self.fields["scopes"].choices = [(scope, labels[scope]) for scope in allowed_scopes]

    def expires_at(self):
        return timezone.now() + timedelta(days=self.cleaned_data["expires_in_days"])
