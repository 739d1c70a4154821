"""Wagtail permission policies that ask django-rules, for every snippet and model viewset.

``RulesPermissionPolicy(Model)`` answers an admin action with
``user.has_perm("<app_label>.<action>_<model_name>")``, which the app's ``rules.py`` decides;
``ReadOnlyPermissionPolicy(Model)`` does the same for "view" and refuses every other action,
to superusers too (records the system writes, such as history and job logs). CMS pages keep
Wagtail's own group page permissions.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import rules
from django.contrib.auth import get_user_model
from django.db.models import Model, Q, QuerySet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy


class RulesPermissionPolicy(ModelPermissionPolicy):
    """Every action is the rule ``<app_label>.<action>_<model_name>``.

    ``actions`` limits the actions anyone may take at all (None: no limit); an action outside
    it is refused even to superusers, whom Django otherwise grants everything.
    """

    def __init__(self, model: Any, *, actions: Iterable[str] | None = None) -> None:
        super().__init__(model)
        self.actions = None if actions is None else frozenset(actions)

    def _allows(self, action: str) -> bool:
        return self.actions is None or action in self.actions

    def user_has_permission(self, user: Any, action: str) -> bool:
        return self._allows(action) and user.has_perm(self._get_permission_name(action))

    def user_has_any_permission(self, user: Any, actions: Iterable[str]) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Model) -> bool:
        if not self._allows(action):
            return False
        name = self._get_permission_name(action)
        # Django's model backend answers only without an object: an action without a rule
        # of its own stays a model-level question.
        if not rules.perm_exists(name):
            return user.has_perm(name)
        return user.has_perm(name, instance)

    def user_has_any_permission_for_instance(
        self, user: Any, actions: Iterable[str], instance: Model
    ) -> bool:
        return any(
            self.user_has_permission_for_instance(user, action, instance) for action in actions
        )

    def users_with_any_permission(self, actions: Iterable[str]) -> QuerySet:
        """The active users the rules allow any of ``actions``.

        Rules cannot be turned into SQL, so the candidates (users with a role: superusers,
        group or direct permissions, or a department) are asked one by one. Wagtail calls
        this for pages and workflows, not for the models these policies serve.
        """
        users = get_user_model().objects.filter(is_active=True)
        candidates = users.filter(
            Q(is_superuser=True)
            | Q(groups__isnull=False)
            | Q(user_permissions__isnull=False)
            | Q(department_memberships__isnull=False)
        ).distinct()
        allowed = [user.pk for user in candidates if self.user_has_any_permission(user, actions)]
        return users.filter(pk__in=allowed)


class ReadOnlyPermissionPolicy(RulesPermissionPolicy):
    """Only "view", as its rule decides: nobody adds, edits or deletes by hand."""

    def __init__(self, model: Any) -> None:
        super().__init__(model, actions=("view",))


def register_rules_policies(*models: type[Model]) -> None:
    """Give each model the rules-backed policy in the Wagtail admin."""
    for model in models:
        register_permission_policy(model, RulesPermissionPolicy(model))
