"""Who may look at the data store's tables: whoever may work on the catalogue's datasets.

Nobody edits a table by hand (the admin's policy allows "view" only); loads run from the
catalogue's services.
"""

from __future__ import annotations

import rules

from portal.core.rules import model_permission

works_on_datasets = (
    model_permission("catalogue.add_dataset")
    | model_permission("catalogue.change_dataset")
    | model_permission("catalogue.delete_dataset")
    | model_permission("catalogue.view_dataset")
)

rules.add_perm("datastore.view_datastoretable", works_on_datasets)
