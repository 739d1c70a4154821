"""The admin's “Open311 clients” page: staff issue an API key (shown once) and revoke keys."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from participation.defects.models import Open311Client
from participation.defects.open311.services import open311_client_create, open311_client_revoke

ADD_CLIENT = "defects.add_open311client"
REVOKE_CLIENT = "defects.change_open311client"


class Open311ClientForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("The application or system, e.g. “Stadtwerke back office”."),
    )
    contact_email = forms.EmailField(label=gettext_lazy("Contact e-mail address"), required=False)
    may_update = forms.BooleanField(
        label=gettext_lazy("May send status updates (servicerequestupdates)"),
        required=False,
        help_text=gettext_lazy("Only for the city's own back-office systems."),
    )


def client_index(request: HttpRequest) -> HttpResponse:
    """The clients and a form for a new one; a new key is shown only in the answer to the
    POST that created it (never stored, never shown again)."""
    if not request.user.has_perm(ADD_CLIENT):
        raise PermissionDenied
    raw_key = None
    form = Open311ClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _client, raw_key = open311_client_create(**form.cleaned_data)
        form = Open311ClientForm()
    response = TemplateResponse(
        request,
        "open311/admin/clients.html",
        {
            "page_title": _("Open311 clients"),
            "header_icon": "key",
            "form": form,
            "clients": Open311Client.objects.all(),
            "raw_key": raw_key,
            "may_revoke": request.user.has_perm(REVOKE_CLIENT),
        },
    )
    if raw_key:
        response["Cache-Control"] = "no-store"
    return response


@require_POST
def client_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm(REVOKE_CLIENT):
        raise PermissionDenied
    client = open311_client_revoke(client=get_object_or_404(Open311Client, pk=pk))
    messages.success(request, _("The key of “%(name)s” is revoked.") % {"name": client.name})
    return redirect("open311_clients")
