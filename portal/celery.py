"""The portal's Celery application: configured from Django settings (CELERY_*)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def _ensure_filesystem_transport_folders() -> None:
    """kombu's filesystem transport and Celery's file backend need their folders to exist."""
    from pathlib import Path

    from django.conf import settings

    folders = [*settings.CELERY_BROKER_TRANSPORT_OPTIONS.values()]
    if settings.CELERY_RESULT_BACKEND.startswith("file://"):
        folders.append(settings.CELERY_RESULT_BACKEND.removeprefix("file://"))
    for folder in folders:
        if isinstance(folder, str):
            Path(folder).mkdir(parents=True, exist_ok=True)


@app.on_after_configure.connect
def _prepare_transport(sender: Celery, **kwargs: object) -> None:
    _ensure_filesystem_transport_folders()
