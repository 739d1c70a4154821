from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.models import ContactMessage


class ContactForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_("I agree that my details are stored to answer my message (see privacy notice)."),
        required=True,
    )

    class Meta:
        model = ContactMessage
        fields = ["topic", "name", "email", "message", "page_url"]
        widgets = {
            "message": forms.Textarea(attrs={"rows": 6}),
            "page_url": forms.TextInput(),
        }
        help_texts = {
            "page_url": _("Optional: the address of the page your message is about."),
        }
