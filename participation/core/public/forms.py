from __future__ import annotations

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from participation.core.models import AbuseFlag
from participation.core.spam import SpamProtectedForm
from portal.core.models import District

TARGET_SALT = "participation.subscription-target"


def target_sign(topic: str, label: str, pk: int) -> str:
    """What a subscribe form may follow, signed so that nobody subscribes to arbitrary rows."""
    return signing.dumps([topic, label, pk], salt=TARGET_SALT)


def target_unsign(value: str) -> tuple[str, str, int] | None:
    try:
        topic, label, pk = signing.loads(value, salt=TARGET_SALT)
        return str(topic), str(label), int(pk)
    except (signing.BadSignature, TypeError, ValueError):
        return None


class SubscribeForm(SpamProtectedForm):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.all(),
        required=False,
        empty_label=_("Choose a district"),
    )
    target = forms.CharField(required=False, widget=forms.HiddenInput)
    topic = forms.ChoiceField(
        required=False, choices=[("defects", _("defect reports"))], widget=forms.HiddenInput
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("target"):
            if target_unsign(cleaned["target"]) is None:
                raise forms.ValidationError(_("This form is not valid any more; please reload."))
        elif not cleaned.get("district"):
            self.add_error("district", _("Please choose a district."))
        return cleaned


class AbuseFlagForm(SpamProtectedForm):
    reason = forms.ChoiceField(
        label=_("What is wrong?"), choices=AbuseFlag.Reason.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Details (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    target = forms.CharField(widget=forms.HiddenInput)
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_target(self):
        value = self.cleaned_data["target"]
        if target_unsign(value) is None:
            raise forms.ValidationError(_("This form is not valid any more; please reload."))
        return value
