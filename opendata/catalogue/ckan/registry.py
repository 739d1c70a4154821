"""Which CKAN actions exist: every module listed here registers its functions with ``action``."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache
from typing import Any

Action = Callable[[dict[str, Any]], Any]

ACTION_MODULES = (
    "opendata.catalogue.ckan.actions",
    "opendata.catalogue.ckan.write_actions",
    "opendata.datastore.ckan_actions",
)

_registered: dict[str, Action] = {}


def action(function: Action) -> Action:
    """Register a function as the CKAN action of the same name."""
    _registered[function.__name__] = function
    return function


@cache
def actions() -> dict[str, Action]:
    for module in ACTION_MODULES:
        importlib.import_module(module)
    return dict(_registered)
