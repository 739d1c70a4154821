"""The staff side in the Wagtail admin: who sees which reports, and each action on the screen."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from participation.defects.models import Report, ReporterContact, ReportUpdate
from portal.core.models import DepartmentMembership
from portal.core.rules import MODERATORS_GROUP
from tests.factories import DepartmentFactory, DistrictFactory, UserFactory
from tests.factories.defects import (
    AnswerTemplateFactory,
    CategoryFactory,
    ReporterContactFactory,
    ReportFactory,
    StatusFactory,
    closed_status,
    initial_status,
)

pytestmark = pytest.mark.django_db

UNIT_STAFF = "Mängelmelder-Sachbearbeitung"
CENTRAL = "Mängelmelder-Leitstelle"


@pytest.fixture
def office():
    initial_status()
    return DepartmentFactory()


@pytest.fixture
def member(office):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=UNIT_STAFF))
    DepartmentMembership.objects.create(user=user, department=office)
    return user


@pytest.fixture
def moderator():
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get_or_create(name=MODERATORS_GROUP)[0])
    user.groups.add(Group.objects.get(name=UNIT_STAFF))  # admin access
    return user


@pytest.fixture
def own(office):
    return ReportFactory(category=CategoryFactory(department=office))


@pytest.fixture
def foreign():
    return ReportFactory(category=CategoryFactory(department=DepartmentFactory()))


def edit_url(report: Report) -> str:
    return f"/admin/defects/report/edit/{report.pk}/"


def test_the_staff_groups_exist_with_admin_access():
    central = Group.objects.get(name=CENTRAL)
    codenames = set(central.permissions.values_list("codename", flat=True))
    assert {"access_admin", "handle_all_reports", "change_routingrule", "add_street"} <= codenames
    unit = Group.objects.get(name=UNIT_STAFF)
    assert "access_admin" in unit.permissions.values_list("codename", flat=True)
    assert "handle_all_reports" not in unit.permissions.values_list("codename", flat=True)


def test_an_office_member_lists_only_their_units_reports(client, member, own, foreign):
    client.force_login(member)
    response = client.get("/admin/defects/report/")
    assert response.status_code == 200
    html = response.content.decode()
    assert edit_url(own) in html
    assert edit_url(foreign) not in html


def test_another_units_report_is_not_found_for_an_office_member(client, member, foreign):
    client.force_login(member)
    assert client.get(edit_url(foreign)).status_code == 404
    assert client.get(f"/admin/defects/report/print/{foreign.pk}/").status_code == 404
    response = client.post(edit_url(foreign), {"action": "note", "note-text": "Hallo"})
    assert response.status_code == 404
    assert not foreign.updates.filter(kind=ReportUpdate.Kind.NOTE).exists()


def test_a_central_handler_lists_every_report(client, own, foreign):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=CENTRAL))
    client.force_login(user)
    html = client.get("/admin/defects/report/").content.decode()
    assert edit_url(own) in html and edit_url(foreign) in html


def test_search_finds_a_report_by_its_number(client, member, own, office):
    other = ReportFactory(category=own.category)
    client.force_login(member)
    html = client.get("/admin/defects/report/", {"q": f"#{own.pk}"}).content.decode()
    assert edit_url(own) in html
    assert edit_url(other) not in html


def test_a_citizen_does_not_reach_the_report_list(client, own):
    client.force_login(UserFactory())
    response = client.get("/admin/defects/report/")
    assert response.status_code in (302, 403)
    assert edit_url(own) not in response.content.decode()


def test_the_moderation_queue_lists_pending_reports_oldest_first(client, moderator, foreign):
    older = ReportFactory(moderation=Report.Moderation.PENDING)
    newer = ReportFactory(moderation=Report.Moderation.PENDING)
    Report.objects.filter(pk=older.pk).update(created_at=newer.created_at.replace(year=2020))
    client.force_login(moderator)
    response = client.get("/admin/defects/moderation/", follow=True)
    html = response.content.decode()
    assert html.index(edit_url(older)) < html.index(edit_url(newer))
    assert edit_url(foreign) not in html  # approved: not in the queue


def test_a_moderator_approves_and_rejects_with_a_reason(client, moderator):
    first = ReportFactory(moderation=Report.Moderation.PENDING)
    second = ReportFactory(moderation=Report.Moderation.PENDING)
    client.force_login(moderator)
    approved = client.post(edit_url(first), {"action": "moderate", "moderate-decision": "approve"})
    assert approved.status_code == 302
    first.refresh_from_db()
    assert first.moderation == Report.Moderation.APPROVED
    assert first.updates.get(kind=ReportUpdate.Kind.MODERATED).author == moderator

    without_reason = client.post(
        edit_url(second), {"action": "moderate", "moderate-decision": "reject"}
    )
    assert without_reason.status_code == 400
    assert "reason" in without_reason.content.decode().lower()
    second.refresh_from_db()
    assert second.moderation == Report.Moderation.PENDING

    client.post(
        edit_url(second),
        {"action": "moderate", "moderate-decision": "reject", "moderate-reason": "Werbung"},
    )
    second.refresh_from_db()
    assert second.moderation == Report.Moderation.REJECTED
    assert second.moderation_reason == "Werbung"


def test_a_moderator_may_not_change_the_status(client, moderator):
    report = ReportFactory(moderation=Report.Moderation.PENDING)
    client.force_login(moderator)
    response = client.post(
        edit_url(report), {"action": "status", "status-status": closed_status().pk}
    )
    # Wagtail turns a refusal into a redirect to the dashboard with a message.
    assert response.status_code in (302, 403)
    assert response.get("Location", "") != edit_url(report)
    report.refresh_from_db()
    assert not report.status.is_closed


def test_status_change_with_a_template_mails_the_reporter(client, member, own):
    ReporterContactFactory(report=own, email="melderin@example.org")
    template = AnswerTemplateFactory(category=own.category, text="Die Stelle ist repariert. Danke!")
    done = closed_status()
    client.force_login(member)
    response = client.post(
        edit_url(own),
        {
            "action": "status",
            "status-status": done.pk,
            "status-template": template.pk,
            "status-text": "",
            "status-public": "on",
        },
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == done and own.closed_at is not None and own.first_answer_at is not None
    update = own.updates.get(kind=ReportUpdate.Kind.STATUS)
    assert update.text == "Die Stelle ist repariert. Danke!"
    assert update.author == member and update.public
    sent = [message for message in mail.outbox if "melderin@example.org" in message.to]
    assert len(sent) == 1
    assert "Die Stelle ist repariert" in sent[0].body


def test_the_screen_offers_the_categorys_templates(client, member, own):
    AnswerTemplateFactory(category=own.category, title="Schon erledigt")
    AnswerTemplateFactory(title="Andere Kategorie")
    client.force_login(member)
    html = client.get(edit_url(own)).content.decode()
    assert "Schon erledigt" in html
    assert "Andere Kategorie" not in html


def test_note_assign_and_forward_land_in_the_timeline_with_their_author(client, member, own):
    ReporterContactFactory(report=own, email="geheim@example.org")
    other_unit = DepartmentFactory()
    client.force_login(member)
    client.post(edit_url(own), {"action": "note", "note-text": "Bauhof informiert."})
    client.post(
        edit_url(own),
        {"action": "forward", "forward-email": "firma@example.com", "forward-message": "Bitte!"},
    )
    client.post(edit_url(own), {"action": "assign", "assign-department": other_unit.pk})
    own.refresh_from_db()
    assert own.department == other_unit
    entries = list(own.updates.exclude(kind=ReportUpdate.Kind.CREATED))
    assert [entry.author for entry in entries] == [member, member, member]
    assert not any(entry.public for entry in entries)
    forwarded = [message for message in mail.outbox if "firma@example.com" in message.to]
    assert len(forwarded) == 1
    assert own.description in forwarded[0].body and "Bitte!" in forwarded[0].body
    assert "geheim@example.org" not in forwarded[0].body
    # After the reassignment the member no longer handles the report.
    assert client.get(edit_url(own)).status_code == 404


def test_a_bad_forward_address_names_the_field(client, member, own):
    client.force_login(member)
    response = client.post(edit_url(own), {"action": "forward", "forward-email": "kein-mail"})
    assert response.status_code == 400
    assert not own.updates.exclude(kind=ReportUpdate.Kind.CREATED).exists()


def test_merge_into_another_report_by_number(client, member, own, office):
    original = ReportFactory(category=own.category)
    client.force_login(member)
    response = client.post(edit_url(own), {"action": "merge", "merge-into": original.pk})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.duplicate_of == original
    assert own.updates.get(kind=ReportUpdate.Kind.MERGED).author == member


def test_merge_into_a_report_of_another_unit_is_refused(client, member, own, foreign):
    client.force_login(member)
    response = client.post(edit_url(own), {"action": "merge", "merge-into": foreign.pk})
    assert response.status_code == 400
    own.refresh_from_db()
    assert own.duplicate_of is None


def test_a_phone_report_is_recorded_with_its_channel_and_recorder(client, member, office):
    district = DistrictFactory()
    category = CategoryFactory(department=office)
    point = district.area.point_on_surface
    client.force_login(member)
    response = client.post(
        "/admin/defects/report/new/",
        {
            "channel": "phone",
            "category": category.pk,
            "latitude": f"{point.y:.6f}",
            "longitude": f"{point.x:.6f}",
            "description": "Laterne am Spielplatz ist dunkel.",
            "phone": "0170 1234567",
            "last_name": "Musterfrau",
        },
    )
    report = Report.objects.get(description="Laterne am Spielplatz ist dunkel.")
    assert response.status_code == 302
    assert response["Location"] == edit_url(report)
    assert report.channel == Report.Channel.PHONE
    assert report.moderation == Report.Moderation.APPROVED
    assert report.updates.get(kind=ReportUpdate.Kind.CREATED).author == member
    contact = ReporterContact.objects.get(report=report)
    assert contact.phone == "0170 1234567" and contact.last_name == "Musterfrau"


def test_a_phone_report_outside_the_city_names_the_location(client, member, office):
    category = CategoryFactory(department=office)
    client.force_login(member)
    response = client.post(
        "/admin/defects/report/new/",
        {
            "channel": "counter",
            "category": category.pk,
            "latitude": "10.0",
            "longitude": "10.0",
            "description": "Irgendwo.",
        },
    )
    assert response.status_code == 400
    assert not Report.objects.filter(description="Irgendwo.").exists()


def test_the_print_sheet_shows_contact_only_to_those_handling_the_report(
    client, member, moderator, office
):
    report = ReportFactory(
        category=CategoryFactory(department=office), moderation=Report.Moderation.PENDING
    )
    ReporterContactFactory(report=report, email="drucken@example.org")
    url = f"/admin/defects/report/print/{report.pk}/"
    client.force_login(member)
    sheet = client.get(url)
    assert sheet.status_code == 200
    html = sheet.content.decode()
    assert report.description in html and "drucken@example.org" in html
    assert "<main>" in html and "@media print" in html
    client.force_login(moderator)
    html = client.get(url).content.decode()
    assert report.description in html
    assert "drucken@example.org" not in html


def test_the_screen_shows_the_response_promise(client, member, own):
    client.force_login(member)
    html = client.get(edit_url(own)).content.decode()
    assert 'data-promise="due"' in html


def test_reference_data_lists_open_for_the_central_team_only(client, member):
    status = StatusFactory()
    client.force_login(member)
    assert client.get("/admin/defects/status/").status_code in (302, 403)
    central = UserFactory(is_staff=True)
    central.groups.add(Group.objects.get(name=CENTRAL))
    client.force_login(central)
    assert status.name in client.get("/admin/defects/status/").content.decode()
    for url in (
        "/admin/defects/category/",
        "/admin/defects/routingrule/",
        "/admin/defects/answertemplate/",
        "/admin/defects/street/",
        "/admin/defects/routingrule/new/",
        "/admin/defects/street/new/",
    ):
        assert client.get(url).status_code == 200, url
