"""Every model of the portal's own apps has a factory, and each factory makes a valid object.

A model added without a factory fails here by name, so new apps arrive with their test kit.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db.models import Model

from tests.factories.registry import factories_by_model

OWN_APP_PREFIXES = ("portal.", "opendata.", "participation.")

# Fields that full_clean cannot accept on a stored object by design, per model label, each with
# its reason in a comment. Empty: every factory's object passes full_clean whole.
FULL_CLEAN_EXCLUDE: dict[str, tuple[str, ...]] = {}


def own_models() -> list[type[Model]]:
    return sorted(
        (
            model
            for config in apps.get_app_configs()
            if config.name.startswith(OWN_APP_PREFIXES)
            for model in config.get_models()
            if not model._meta.proxy
        ),
        key=lambda model: model._meta.label,
    )


def models_without_factory(registry: dict) -> list[str]:
    return [model._meta.label for model in own_models() if model not in registry]


def test_every_model_of_the_own_apps_has_a_factory():
    missing = models_without_factory(factories_by_model())
    assert missing == [], f"models without a factory in tests/factories/: {missing}"


def test_a_model_without_a_factory_is_named():
    registry = dict(factories_by_model())
    del registry[apps.get_model("core", "District")]
    assert models_without_factory(registry) == ["core.District"]


def test_the_registry_finds_factories_of_models_outside_the_own_apps_too():
    # The kit builds the parents some models need (taggit's tags, Wagtail's sites).
    labels = {model._meta.label for model in factories_by_model()}
    assert {"taggit.Tag", "wagtailcore.Site", "catalogue.Dataset"} <= labels


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.mark.django_db
@pytest.mark.parametrize("model", own_models(), ids=lambda model: model._meta.label)
def test_factory_creates_a_valid_object(model, media_root):
    factory_class = factories_by_model().get(model)
    if factory_class is None:
        pytest.fail(f"{model._meta.label} has no factory")
    instance = factory_class.create()
    stored = model._default_manager.get(pk=instance.pk)
    stored.full_clean(exclude=FULL_CLEAN_EXCLUDE.get(model._meta.label, ()))


@pytest.mark.django_db
def test_factories_make_distinct_objects_side_by_side(media_root):
    # Unique fields come from sequences: two of everything fit into one database.
    for model in own_models():
        factory_class = factories_by_model()[model]
        if model._meta.label == "catalogue.DataTheme":
            continue  # a fixed vocabulary: the factory fetches the existing row
        first, second = factory_class.create(), factory_class.create()
        assert first.pk != second.pk, model._meta.label
