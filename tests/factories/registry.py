"""Which factory builds which model: found by scanning this package, not listed by hand."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from functools import cache

from django.db.models import Model
from factory.django import DjangoModelFactory

import tests.factories as package


def _factory_classes():
    for module_info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{module_info.name}")
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, DjangoModelFactory) and value.__module__ == module.__name__:
                yield value


@cache
def factories_by_model() -> dict[type[Model], type[DjangoModelFactory]]:
    """Every concrete model that has a factory in tests.factories, with that factory."""
    found: dict[type[Model], type[DjangoModelFactory]] = {}
    for factory_class in _factory_classes():
        model = factory_class._meta.model
        if model is None or factory_class._meta.abstract:
            continue
        found.setdefault(model, factory_class)
    return found
