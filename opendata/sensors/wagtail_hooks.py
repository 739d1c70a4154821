"""The "Sensors" admin menu: the SensorThings registry and the devices that send readings.

Creating a device, or rotating or replacing its token, answers with a page that shows the
token once (``Cache-Control: no-store``); it is not stored anywhere but as a hash. Rotating
keeps the previous token working for an overlap, replacing ends it at once (a leaked token).
Raw readings have no admin view at all.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from leaflet.forms.widgets import LeafletWidget
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.menus import MenuItem as ListingMenuItem
from wagtail.admin.views.generic import CreateView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from opendata.sensors.models import (
    Datastream,
    Device,
    FeatureOfInterest,
    Location,
    ObservedProperty,
    Sensor,
    Thing,
)
from opendata.sensors.tokens import (
    CreatedDevice,
    device_create,
    device_revoke,
    device_token_replace,
    device_token_rotate,
)
from portal.core.permissions import register_rules_policies

DEVICE_PERMISSION = "sensors.change_device"

register_rules_policies(
    Thing, Location, Sensor, ObservedProperty, FeatureOfInterest, Datastream, Device
)


def _token_response(request: HttpRequest, created: CreatedDevice) -> HttpResponse:
    response = TemplateResponse(
        request,
        "sensors/admin/device_token.html",
        {
            "page_title": _("Device token"),
            "header_icon": "key",
            "device": created.device,
            "secret": created.secret,
            "previous_valid_until": created.device.previous_token_valid_until,
            "ingest_url": request.build_absolute_uri(reverse("sensors-ingest-observations")),
            "index_url": reverse("sensors_devices:index"),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


class DeviceCreateView(CreateView):
    def form_valid(self, form):
        created = device_create(thing=form.cleaned_data["thing"], name=form.cleaned_data["name"])
        return _token_response(self.request, created)


class DeviceIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.request.user.has_perm(DEVICE_PERMISSION):
            if not instance.revoked:
                buttons.insert(
                    0,
                    ListingMenuItem(
                        _("Rotate token"),
                        url=reverse("sensors_devices:rotate", args=[instance.pk]),
                        icon_name="rotate",
                        priority=4,
                    ),
                )
            buttons.insert(
                0,
                ListingMenuItem(
                    _("New token"),
                    url=reverse("sensors_devices:token", args=[instance.pk]),
                    icon_name="key",
                    priority=5,
                ),
            )
            if not instance.revoked:
                buttons.insert(
                    1,
                    ListingMenuItem(
                        _("Revoke token"),
                        url=reverse("sensors_devices:revoke", args=[instance.pk]),
                        icon_name="cross",
                        priority=6,
                    ),
                )
        return buttons


def _confirm(request: HttpRequest, device: Device, *, title: str, question: str, label: str):
    return TemplateResponse(
        request,
        "sensors/admin/device_confirm.html",
        {
            "page_title": title,
            "header_icon": "key",
            "question": question,
            "action_label": label,
            "danger": True,
            "index_url": reverse("sensors_devices:index"),
        },
    )


def device_token_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST replaces the token and shows the new one once."""
    if not request.user.has_perm(DEVICE_PERMISSION):
        raise PermissionDenied
    device = get_object_or_404(Device, pk=pk)
    if request.method == "POST":
        return _token_response(request, device_token_replace(device=device))
    return _confirm(
        request,
        device,
        title=_("New device token"),
        question=_("Replace the token of “%(name)s”? The old token stops working at once.")
        % {"name": device.name},
        label=_("Replace token"),
    )


def device_token_rotate_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST issues a new token, the current one keeps working for
    the overlap, and the page shows the new token once."""
    if not request.user.has_perm(DEVICE_PERMISSION):
        raise PermissionDenied
    device = get_object_or_404(Device, pk=pk, revoked_at__isnull=True)
    if request.method == "POST":
        return _token_response(request, device_token_rotate(device=device))
    question = _(
        "Issue a new token for “%(name)s”? The current token keeps working for %(days)d days, "
        "so that the device can be given the new one without a gap."
    ) % {"name": device.name, "days": settings.DEVICE_TOKEN_ROTATION_OVERLAP_DAYS}
    if device.previous_token_valid_until and device.previous_token_valid_until > timezone.now():
        question += " " + _(
            "The token of the rotation before (valid until %(date)s) stops working at once."
        ) % {"date": date_format(timezone.localtime(device.previous_token_valid_until))}
    return _confirm(
        request, device, title=_("Rotate device token"), question=question, label=_("Rotate token")
    )


def device_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm(DEVICE_PERMISSION):
        raise PermissionDenied
    device = get_object_or_404(Device, pk=pk)
    if request.method == "POST":
        device_revoke(device=device)
        return redirect("sensors_devices:index")
    return _confirm(
        request,
        device,
        title=_("Revoke device token"),
        question=_("Revoke the token of “%(name)s”? The device can no longer send readings.")
        % {"name": device.name},
        label=_("Revoke token"),
    )


class ThingViewSet(ModelViewSet):
    model = Thing
    name = "sensors_things"
    icon = "site"
    menu_label = gettext_lazy("Things")
    list_display = ["name", "operator", "created_at"]
    search_fields = ["name", "description"]
    form_fields = ["name", "description", "operator", "locations", "properties"]
    copy_view_enabled = False


class LocationViewSet(ModelViewSet):
    model = Location
    name = "sensors_locations"
    icon = "location"
    menu_label = gettext_lazy("Locations")
    list_display = ["name", "district"]
    list_filter = ["district"]
    search_fields = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("district"),
        FieldPanel("location", widget=LeafletWidget()),
    ]
    copy_view_enabled = False


class SensorViewSet(ModelViewSet):
    model = Sensor
    name = "sensors_sensors"
    icon = "cog"
    menu_label = gettext_lazy("Sensors")
    list_display = ["name", "encoding_type"]
    search_fields = ["name", "description"]
    form_fields = ["name", "description", "encoding_type", "metadata"]


class ObservedPropertyViewSet(ModelViewSet):
    model = ObservedProperty
    name = "sensors_properties"
    icon = "tag"
    menu_label = gettext_lazy("Observed properties")
    list_display = ["name", "definition"]
    search_fields = ["name", "definition"]
    form_fields = ["name", "definition", "description"]


class FeatureOfInterestViewSet(ModelViewSet):
    model = FeatureOfInterest
    name = "sensors_features"
    icon = "crosshairs"
    menu_label = gettext_lazy("Features of interest")
    list_display = ["name"]
    search_fields = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("feature", widget=LeafletWidget()),
    ]
    copy_view_enabled = False


class DatastreamViewSet(ModelViewSet):
    model = Datastream
    name = "sensors_datastreams"
    icon = "list-ul"
    menu_label = gettext_lazy("Datastreams")
    list_display = ["name", "thing", "privacy_class", "window_minutes", "is_active"]
    list_filter = ["privacy_class", "observation_type", "is_active"]
    search_fields = ["name", "thing__name"]
    form_fields = [
        "name",
        "description",
        "thing",
        "sensor",
        "observed_property",
        "feature_of_interest",
        "unit_name",
        "unit_symbol",
        "unit_definition",
        "observation_type",
        "valid_min",
        "valid_max",
        "warning_threshold",
        "privacy_class",
        "window_minutes",
        "k_minimum",
        "noise_epsilon_per_day",
        "is_active",
    ]


class DeviceViewSet(ModelViewSet):
    model = Device
    name = "sensors_devices"
    icon = "key"
    menu_label = gettext_lazy("Devices")
    index_view_class = DeviceIndexView
    add_view_class = DeviceCreateView
    list_display = [
        "name",
        "thing",
        "token_prefix",
        "last_seen_at",
        "previous_token_valid_until",
        "previous_token_last_used_at",
        "revoked_at",
    ]
    search_fields = ["name", "thing__name", "token_prefix"]
    form_fields = ["name", "thing"]
    copy_view_enabled = False

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("token/<int:pk>/", device_token_view, name="token"),
            path("rotate/<int:pk>/", device_token_rotate_view, name="rotate"),
            path("revoke/<int:pk>/", device_revoke_view, name="revoke"),
        ]


class SensorsGroup(ViewSetGroup):
    items = (
        ThingViewSet,
        DatastreamViewSet,
        DeviceViewSet,
        LocationViewSet,
        SensorViewSet,
        ObservedPropertyViewSet,
        FeatureOfInterestViewSet,
    )
    menu_icon = "pick"
    menu_label = gettext_lazy("Sensors")
    menu_name = "sensors"


@hooks.register("register_admin_viewset")
def register_sensor_viewsets():
    return SensorsGroup()
