"""Template tags of participation's shared pieces: the report-abuse and follow forms."""

from __future__ import annotations

from typing import Any

from django import template

from participation.core.public.forms import AbuseFlagForm, SubscribeForm, target_sign

register = template.Library()


def _target(obj: Any) -> str:
    return target_sign(obj._meta.app_label, obj._meta.label_lower, obj.pk)


@register.simple_tag(takes_context=True)
def abuse_flag_form(context: dict[str, Any], obj: Any) -> AbuseFlagForm:
    request = context.get("request")
    return AbuseFlagForm(
        initial={"target": _target(obj), "next": request.get_full_path() if request else ""}
    )


@register.simple_tag(takes_context=True)
def follow_form(context: dict[str, Any], obj: Any) -> SubscribeForm:
    request = context.get("request")
    user = getattr(request, "user", None)
    return SubscribeForm(
        initial={
            "target": _target(obj),
            "topic": obj._meta.app_label,
            "email": getattr(user, "email", "") if getattr(user, "is_authenticated", False) else "",
            "next": request.get_full_path() if request else "",
        }
    )
