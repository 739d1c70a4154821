"""Who may harvest: whoever may add and change datasets of the catalogue.

Harvests and imports create and overwrite catalogue datasets, so they need exactly the
permissions that editing datasets in the admin needs; superusers have them all.
"""

from __future__ import annotations

import rules


@rules.predicate
def can_edit_catalogue(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.has_perms(["catalogue.add_dataset", "catalogue.change_dataset"])


rules.add_perm("harvest.run_harvestsource", can_edit_catalogue)
rules.add_perm("harvest.import_dataset", can_edit_catalogue)
# The model permissions the Wagtail admin asks for.
for action in ("add", "change", "delete", "view"):
    rules.add_perm(f"harvest.{action}_harvestsource", can_edit_catalogue)
rules.add_perm("harvest.view_harvestjob", can_edit_catalogue)
