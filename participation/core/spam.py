"""Spam protection without CAPTCHA: a honeypot field, a signed time token and rate limits.

A person needs a few seconds to fill in a form; a bot posting at once, or replaying a token
from yesterday, is refused. The honeypot is a text field hidden from people (and from screen
readers) that bots fill in. Rate limits count posts per client address in the cache.
"""

from __future__ import annotations

import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from portal.core import ratelimit

TOKEN_SALT = "participation.form-token"  # noqa: S105 - a signing salt, not a secret
MIN_SECONDS = 3  # faster than any person fills in a form
MAX_AGE_SECONDS = 6 * 3600


def form_token_issue(*, now: float | None = None) -> str:
    return signing.dumps({"t": int(now if now is not None else time.time())}, salt=TOKEN_SALT)


def form_token_age(token: str, *, now: float | None = None) -> float | None:
    """Seconds since the token was issued, or None for a forged or garbled token."""
    try:
        issued = signing.loads(token, salt=TOKEN_SALT)["t"]
    except (signing.BadSignature, KeyError, TypeError):
        return None
    return (now if now is not None else time.time()) - int(issued)


class SpamProtectedForm(forms.Form):
    """Mix into a citizen form: adds the honeypot and the time token and checks both."""

    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_token = forms.CharField(required=False, widget=forms.HiddenInput)

    spam_error = _("The form could not be accepted. Please wait a moment and send it again.")
    expired_error = _(
        "The form was open for too long. Please check your entries and send it again."
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A fresh token for every rendering, also when the form comes back with errors.
        self.fields["form_token"].initial = form_token_issue()
        if self.is_bound:
            data = self.data.copy()
            self._submitted_token = data.get(self.add_prefix("form_token"), "")
            data[self.add_prefix("form_token")] = form_token_issue()
            self.data = data

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(self.spam_error, code="spam")
        age = form_token_age(getattr(self, "_submitted_token", ""))
        if age is None or age < MIN_SECONDS:
            raise forms.ValidationError(self.spam_error, code="spam")
        if age > MAX_AGE_SECONDS:
            raise forms.ValidationError(self.expired_error, code="expired")
        return cleaned


def post_rate_exceeded(request, *, scope: str, rate: ratelimit.Rate) -> int | None:
    """Count one post of this client; seconds to wait when over the rate, else None.

    The cache being down lets the post through (fail open, see ``address_rate_exceeded``).
    """
    return ratelimit.address_rate_exceeded(request, scope=scope, rate=rate)


# Posts of the smaller actions per client address (a household or an office shares one).
FOLLOW_RATE = ratelimit.Rate(requests=10, seconds=3600)
FLAG_RATE = ratelimit.Rate(requests=20, seconds=3600)
SUPPORT_RATE = ratelimit.Rate(requests=30, seconds=3600)


def too_many_response(request, *, wait: int, back: str = ""):
    """429 with Retry-After, in the page's language, for a citizen's form."""
    return ratelimit.too_many_page(request, wait=wait, back=back)
