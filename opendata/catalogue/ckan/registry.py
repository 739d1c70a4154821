"""Which CKAN actions exist: every module listed here registers its functions with ``action``.

The catalogue's own modules are listed; other apps add theirs from their ``AppConfig.ready()``
with ``register_action_module`` (the data store its ``datastore_*`` actions).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache
from typing import Any

Action = Callable[[dict[str, Any]], Any]

ACTION_MODULES = [
    "opendata.catalogue.ckan.actions",
    "opendata.catalogue.ckan.write_actions",
]

_registered: dict[str, Action] = {}


def action(function: Action) -> Action:
    """Register a function as the CKAN action of the same name."""
    _registered[function.__name__] = function
    return function


def side_effect_free(function: Action) -> Action:
    """Mark an action that only reads: it may be called with GET. Every other action changes
    something and answers GET with CKAN's "Please use POST" error (as CKAN does)."""
    function.side_effect_free = True  # type: ignore[attr-defined]
    return function


def register_action_module(module: str) -> None:
    """Add a module whose functions register themselves with ``action`` when it is imported."""
    if module not in ACTION_MODULES:
        ACTION_MODULES.append(module)
        actions.cache_clear()


@cache
def actions() -> dict[str, Action]:
    for module in ACTION_MODULES:
        importlib.import_module(module)
    return dict(_registered)
