"""Who may harvest: whoever may add and change datasets of the catalogue.

Harvests and imports create and overwrite catalogue datasets, so they need exactly the
permissions that editing datasets in the admin needs; superusers have them all. Jobs are
written by harvests only: they may be looked at and deleted, never added or edited.
"""

from __future__ import annotations

import rules

from portal.core.rules import CRUD, model_permission

can_edit_catalogue = model_permission("catalogue.add_dataset") & model_permission(
    "catalogue.change_dataset"
)

rules.add_perm("harvest.run_harvestsource", can_edit_catalogue)
rules.add_perm("harvest.import_dataset", can_edit_catalogue)
# The model permissions the Wagtail admin asks for.
for action in CRUD:
    rules.add_perm(f"harvest.{action}_harvestsource", can_edit_catalogue)
rules.add_perm("harvest.view_harvestjob", can_edit_catalogue)
rules.add_perm("harvest.delete_harvestjob", model_permission("harvest.delete_harvestjob"))
