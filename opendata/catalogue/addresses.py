"""Public addresses of distributions, shared by every interface (DCAT, CKAN, REST, exports)."""

from __future__ import annotations

import os

from django.conf import settings
from django.urls import reverse

from opendata.catalogue.models import Distribution


def distribution_filename(distribution: Distribution) -> str:
    """The name a stored file is downloaded as (the last part of its download address)."""
    return os.path.basename(distribution.file.name)


def distribution_download_path(distribution: Distribution) -> str:
    """The checked, language-neutral download path of an uploaded file (CKAN's shape)."""
    return reverse(
        "catalogue-resource-download",
        kwargs={
            "name": distribution.dataset.name,
            "distribution_id": distribution.id,
            "filename": distribution_filename(distribution),
        },
    )


def distribution_address(distribution: Distribution) -> str:
    """The address every public output (DCAT, CKAN, REST, exports) gives for a distribution.

    An external address as it is; an uploaded file never at its raw /media/ address but at
    the download view, which serves published datasets only, as an attachment.
    """
    if distribution.url:
        return distribution.url
    return f"{settings.PORTAL_BASE_URL}{distribution_download_path(distribution)}"
