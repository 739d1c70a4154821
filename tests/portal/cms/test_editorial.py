"""Editorial workflow, scheduled publishing, sanitised rich text, validated uploads."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images.forms import get_image_form
from wagtail.models import Page, Workflow

from portal.cms.models import NewsIndexPage, NewsPage, PortalImage
from portal.cms.tasks import publish_scheduled_task


@pytest.fixture
def news_index(demo_city):
    return NewsIndexPage.objects.get(locale__language_code="de")


def test_editor_submits_and_reviewer_approves(demo_city, news_index, editor, personas):
    reviewer = personas["reviewer"]
    draft = news_index.add_child(
        instance=NewsPage(title="Neue Ladesäulen", slug="neue-ladesaeulen", live=False)
    )
    editor_perms = draft.permissions_for_user(editor)
    assert editor_perms.can_edit() and not editor_perms.can_publish()
    assert draft.permissions_for_user(reviewer).can_publish()

    workflow = draft.get_workflow()
    assert workflow == Workflow.objects.get(name="Redaktionelle Freigabe")
    revision = draft.save_revision(user=editor)
    state = workflow.start(draft, editor)
    task_state = state.current_task_state
    assert task_state.task.specific.user_can_access_editor(draft, reviewer)
    assert not task_state.task.specific.get_actions(draft, editor)  # editors cannot approve
    task_state.task.specific.on_action(task_state, reviewer, "approve")
    draft.refresh_from_db()
    assert draft.live
    assert draft.live_revision_id == revision.id


def test_scheduled_page_goes_live_through_the_beat_task(demo_city, news_index):
    page = news_index.add_child(
        instance=NewsPage(title="Geplante Meldung", slug="geplant", live=False)
    )
    page.go_live_at = timezone.now() - timedelta(minutes=1)
    page.save_revision(approved_go_live_at=page.go_live_at)
    assert not Page.objects.get(pk=page.pk).live
    publish_scheduled_task()
    assert Page.objects.get(pk=page.pk).live


def test_rich_text_from_the_editor_is_sanitised():
    from wagtail.admin.rich_text import DraftailRichTextArea

    widget = DraftailRichTextArea(features=["bold", "link"])
    contentstate = {
        "blocks": [
            {
                "key": "a1",
                "type": "unstyled",
                "depth": 0,
                "text": "<script>alert(1)</script> Klick",
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 27, "length": 5, "key": 0}],
            }
        ],
        "entityMap": {
            "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(2)"}}
        },
    }
    html = widget.value_from_datadict({"body": json.dumps(contentstate)}, {}, "body")
    assert "<script>" not in html
    assert "javascript:" not in html
    assert "&lt;script&gt;" in html  # kept as text, harmless


def _png(size=(20, 20)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


def _image_form(upload):
    form_class = get_image_form(PortalImage)
    return form_class(
        data={"title": "Test", "alt_text": "A test", "copyright": "Stadt"},
        files={"file": upload},
    )


def test_image_upload_accepts_png(db):
    form = _image_form(SimpleUploadedFile("ok.png", _png(), content_type="image/png"))
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("name", "data"),
    [("virus.exe", b"MZ\x90\x00not an image"), ("fake.png", b"<?php echo 1; ?>")],
)
def test_image_upload_rejects_other_types(db, name, data):
    form = _image_form(SimpleUploadedFile(name, data))
    assert not form.is_valid()
    assert "file" in form.errors


def test_image_upload_rejects_oversized_files(db, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    form = _image_form(SimpleUploadedFile("big.png", _png((200, 200)), content_type="image/png"))
    assert not form.is_valid()
    assert "file" in form.errors
