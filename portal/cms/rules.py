"""Who may edit the CMS snippets: staff whose groups hold the model permissions.

Pages are not here: they keep Wagtail's group page permissions (editors draft and submit,
reviewers publish), which the CMS matrix test checks through ``permissions_for_user``.
"""

from __future__ import annotations

from portal.core.rules import CRUD, add_model_perms

for model_name in ("organisation", "fundingprogramme", "glossaryterm"):
    add_model_perms("cms", model_name, CRUD)
