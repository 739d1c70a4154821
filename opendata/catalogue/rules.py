"""Who may do what in the catalogue, and the publisher predicates.

Datasets, publishers and data services are edited by staff whose groups hold Django's model
permissions; the record history is read-only (the admin's policy refuses every write).
A publisher speaks for a department (``Publisher.department``); the members of that
department are the publisher's people.
"""

from __future__ import annotations

from typing import Any

import rules

from portal.core.models import DepartmentMembership
from portal.core.rules import CRUD, add_model_perms, is_active_superuser, is_active_user


def publisher_of(obj: Any) -> Any:
    """The publisher of a Publisher, a Dataset or a Distribution (None if there is none)."""
    if obj is None:
        return None
    label = getattr(getattr(obj, "_meta", None), "label_lower", "")
    if label == "catalogue.publisher":
        return obj
    if label == "catalogue.distribution":
        obj = obj.dataset
    return getattr(obj, "publisher", None)


@rules.predicate
def is_publisher_member(user: Any, obj: Any) -> bool:
    """Works for the department the publisher of ``obj`` speaks for."""
    publisher = publisher_of(obj)
    if publisher is None or publisher.department_id is None or not is_active_user(user):
        return False
    return DepartmentMembership.objects.filter(
        user=user, department_id=publisher.department_id
    ).exists()


for model_name in ("dataset", "publisher", "dataservice"):
    add_model_perms("catalogue", model_name, CRUD)
add_model_perms("catalogue", "datasetrecordchange", ("view",))

# Acting in the name of a publisher (the object): its department's members, and superusers.
rules.add_perm("catalogue.represent_publisher", is_active_superuser | is_publisher_member)
