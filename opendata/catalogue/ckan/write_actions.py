"""CKAN write actions: package_create, package_patch and resource_create (by URL).

``resources`` given to package_patch are the dataset's new list, as in CKAN: a resource with
the id of one of the dataset's resources updates it in place (an uploaded file stays unless a
new url is given; its own download address is not a new url), resources without id are
created, and resources left out are removed.

They need an API token with the scope ``catalogue:write`` (401 ``Authorization Error``
without a token, 403 with one that lacks the scope). CKAN's fields are mapped to the
catalogue's model and validated like every other write (opendata.catalogue.services);
errors are CKAN's 409 ``Validation Error`` with CKAN's field names.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q

from opendata.catalogue import selectors, services
from opendata.catalogue.ckan import dicts
from opendata.catalogue.ckan.actions import ActionError, NotFound, ValidationFailed
from opendata.catalogue.ckan.registry import action
from opendata.catalogue.models import Dataset, Publisher
from portal.accounts.models import ApiToken
from portal.accounts.tokens import current_api_token, token_may


class NotAuthorized(ActionError):
    status = 403
    ckan_type = "Authorization Error"


class NotAuthenticated(NotAuthorized):
    status = 401


# CKAN's package fields and the model fields they set.
PACKAGE_FIELDS = {
    "name": "name",
    "title": "title",
    "notes": "description",
    "maintainer": "contact_name",
    "maintainer_email": "contact_email",
    "license_id": "licence",
    "url": "landing_page",
    "version": "version",
}
# Extras the catalogue understands (CKAN's {"key": ..., "value": ...} list).
EXTRA_FIELDS = {
    "title_en": "title_en",
    "notes_en": "description_en",
    "description_en": "description_en",
    "accrual_periodicity": "accrual_periodicity",
    "attribution": "attribution",
    "provenance": "provenance",
}
# Model field names back to CKAN's, for error messages.
CKAN_NAMES = {
    **{model: ckan for ckan, model in PACKAGE_FIELDS.items()},
    "publisher": "owner_org",
    "themes": "groups",
    "keywords": "tags",
    "distributions": "resources",
}
RESOURCE_NAMES = {"title": "name", "licence": "license_id"}


def caller_with_scope(scope: str) -> ApiToken:
    """The calling token if it may act with `scope`; 401/403 in CKAN's envelope otherwise.

    For every CKAN action that writes (e.g. the datastore's, with ``datastore:write``).
    """
    token = current_api_token()
    if token is None:
        raise NotAuthenticated("Action requires an API token (Authorization header).")
    if not token_may(token, scope):
        raise NotAuthorized(f"The API token lacks the scope {scope}.")
    return token


def _ckan_errors(error: ValidationError) -> ValidationFailed:
    fields: dict[str, list[str]] = {}
    for key, messages in error.message_dict.items():
        if key.startswith("distributions["):
            index, _dot, field = key.partition("].")
            name = f"resources{index[len('distributions') :]}]"
            key = f"{name}.{RESOURCE_NAMES.get(field, field)}" if field else name
        else:
            key = CKAN_NAMES.get(key, key)
        fields.setdefault(key, []).extend(messages)
    return ValidationFailed(**fields)


def _names(items: Any, field: str) -> list[str]:
    if not isinstance(items, list):
        raise ValidationFailed(**{field: ["Must be a list"]})
    names = []
    for item in items:
        value = (item.get("name") or item.get("id")) if isinstance(item, dict) else item
        if not value:
            raise ValidationFailed(**{field: ["Every entry needs a name"]})
        names.append(str(value))
    return names


def _resource(item: Any, position: int | None = None) -> dict[str, Any]:
    where = "resources" if position is None else f"resources[{position}]"
    if not isinstance(item, dict):
        raise ValidationFailed(**{where: ["Must be a dictionary"]})
    if item.get("upload"):
        raise ValidationFailed(**{f"{where}.upload": ["Uploads are not supported; give a url."]})
    fmt = str(item.get("format") or "").strip().upper()
    resource = {
        "title": item.get("name") or item.get("title") or "",
        "url": item.get("url") or "",
        "format": fmt,
        "licence": item.get("license_id") or "",
    }
    # Absent and empty differ for an existing resource: absent keeps its description.
    if "description" in item:
        resource["description"] = item.get("description") or ""
    if item.get("id"):
        resource["id"] = str(item["id"])  # CKAN: a known id updates that resource in place
    return resource


def _publisher(key: Any) -> Publisher:
    condition = Q(name=str(key))
    if _is_uuid(key):
        condition |= Q(id=key)
    publisher = Publisher.objects.filter(condition).first()
    if publisher is None:
        raise ValidationFailed(owner_org=["Organization does not exist"])
    return publisher


def _is_uuid(value: Any) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _from_ckan(params: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, field in PACKAGE_FIELDS.items():
        if key in params:
            value = params[key]
            data[field] = "" if value is None else str(value)
    if "owner_org" in params:
        data["publisher"] = _publisher(params["owner_org"])
    elif not partial:
        raise ValidationFailed(owner_org=["Missing value"])
    if "groups" in params:
        data["themes"] = _names(params["groups"], "groups")
    if "tags" in params:
        data["keywords"] = _names(params["tags"], "tags")
    if "resources" in params:
        if not isinstance(params["resources"], list):
            raise ValidationFailed(resources=["Must be a list"])
        data["distributions"] = [_resource(r, i) for i, r in enumerate(params["resources"])]
    for extra in params.get("extras") or []:
        if isinstance(extra, dict) and extra.get("key") in EXTRA_FIELDS:
            data[EXTRA_FIELDS[extra["key"]]] = str(extra.get("value") or "")
    state = params.get("state")
    private = str(params.get("private", "")).lower() in {"true", "1"}
    if state is not None:
        if state not in {"active", "draft"}:
            raise ValidationFailed(state=["Use active or draft"])
        data["state"] = Dataset.State.PUBLISHED if state == "active" else Dataset.State.DRAFT
    elif private:
        data["state"] = Dataset.State.DRAFT
    elif not partial:
        data["state"] = Dataset.State.PUBLISHED  # CKAN creates active datasets by default
    return data


def _package_result(dataset: Dataset) -> dict[str, Any]:
    fresh = selectors.dataset_detail_any_state().get(pk=dataset.pk)
    result = dicts.package_dict(fresh)
    if fresh.state != Dataset.State.PUBLISHED:
        result["state"] = "draft"
        result["private"] = True
    return result


def _any_dataset(key: Any, field: str = "id") -> Dataset:
    if not key:
        raise ValidationFailed(**{field: ["Missing value"]})
    condition = Q(name=str(key))
    if _is_uuid(key):
        condition |= Q(id=key)
    dataset = Dataset.objects.filter(condition).first()
    if dataset is None:
        raise NotFound("Not found")
    return dataset


@action
def package_create(params: dict[str, Any]) -> dict[str, Any]:
    token = caller_with_scope(ApiToken.Scope.CATALOGUE_WRITE)
    data = _from_ckan(params, partial=False)
    try:
        dataset = services.dataset_create(user=token.user, data=data)
    except ValidationError as exc:
        raise _ckan_errors(exc) from None
    return _package_result(dataset)


@action
def package_patch(params: dict[str, Any]) -> dict[str, Any]:
    token = caller_with_scope(ApiToken.Scope.CATALOGUE_WRITE)
    dataset = _any_dataset(params.get("id") or params.get("name_or_id"))
    changes = {key: value for key, value in params.items() if key not in {"id", "name_or_id"}}
    data = _from_ckan(changes, partial=True)
    try:
        dataset = services.dataset_update(user=token.user, dataset=dataset, data=data)
    except ValidationError as exc:
        raise _ckan_errors(exc) from None
    return _package_result(dataset)


@action
def resource_create(params: dict[str, Any]) -> dict[str, Any]:
    token = caller_with_scope(ApiToken.Scope.CATALOGUE_WRITE)
    dataset = _any_dataset(params.get("package_id"), "package_id")
    data = _resource(params)
    if not data["url"]:
        raise ValidationFailed(url=["Missing value"])
    try:
        distribution = services.distribution_add(user=token.user, dataset=dataset, data=data)
    except ValidationError as exc:
        fields = {RESOURCE_NAMES.get(k, k): v for k, v in exc.message_dict.items()}
        raise ValidationFailed(**fields) from None
    return dicts.resource_dict(distribution)
