"""Fixtures of the data-store tests: distributions with CSV files of the test's choosing."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from django.core.files.base import ContentFile

from opendata.catalogue import services as catalogue_services
from opendata.catalogue.models import Dataset, Distribution, Publisher


def distribution_create(
    content: bytes,
    *,
    filename: str = "daten.csv",
    state: str = Dataset.State.PUBLISHED,
    file_format: str = "CSV",
) -> Distribution:
    """A dataset of its own with one distribution holding `content` (saved, not loaded)."""
    publisher = Publisher.objects.order_by("name").first()
    dataset = Dataset(
        name=f"datastore-test-{uuid.uuid4().hex[:10]}",
        state=state,
        title="Datastore test",
        description="Test data",
        publisher=publisher,
        contact_name="Test",
        contact_email="test@lindenhafen.example",
    )
    catalogue_services.dataset_save(dataset=dataset)
    distribution = Distribution(
        dataset=dataset, title="Test CSV", format=file_format, licence="dl-zero-de/2.0"
    )
    distribution.file.save(filename, ContentFile(content), save=False)
    # Through the catalogue's service: it enqueues the data-store load on commit.
    catalogue_services.distribution_save(distribution=distribution)
    return distribution


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def csv_distribution(demo_city, media_root) -> Callable[..., Distribution]:
    return distribution_create
