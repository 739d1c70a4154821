"""Following reports and districts: double opt-in, one-click unsubscribe, each mail once."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from participation.core import services
from participation.core.models import NotificationSent, Subscription
from participation.core.public.forms import target_sign
from participation.core.spam import form_token_issue
from participation.defects import notifications
from participation.defects import services as defect_services
from tests.factories import (
    DistrictFactory,
    ReportFactory,
    SubscriptionFactory,
    UserFactory,
)
from tests.factories.defects import closed_status, initial_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    initial_status()
    return ReportFactory()


def test_a_new_address_must_confirm_and_the_link_confirms_once(report):
    subscription = services.subscription_create(
        email="eva@example.org", topic="defects", target=report
    )
    assert subscription.confirmed_at is None
    (message,) = mail.outbox
    assert message.to == ["eva@example.org"]
    assert str(subscription.token) in message.body
    _, confirmed = services.subscription_confirm(token=subscription.token)
    assert confirmed
    _, again = services.subscription_confirm(token=subscription.token)
    assert not again


def test_the_accounts_own_address_is_confirmed_at_once_and_subscribing_twice_is_one_row(report):
    user = UserFactory(email="fritz@example.org")
    first = services.subscription_create(
        email="Fritz@example.org", topic="defects", target=report, user=user
    )
    second = services.subscription_create(
        email="fritz@example.org", topic="defects", target=report, user=user
    )
    assert first.pk == second.pk and first.confirmed_at is not None
    assert not mail.outbox


@pytest.mark.parametrize("email", ["", "no-at-sign", "a@b", "x" * 300 + "@example.org"])
def test_a_bad_address_names_the_field(report, email):
    with pytest.raises(ValidationError) as error:
        services.subscription_create(email=email, topic="defects", target=report)
    assert "email" in error.value.message_dict
    assert not Subscription.objects.exists()


def test_a_status_change_mails_confirmed_followers_once_with_one_click_unsubscribe(report):
    confirmed = services.subscription_create(
        email="gina@example.org", topic="defects", target=report
    )
    services.subscription_confirm(token=confirmed.token)
    services.subscription_create(email="unconfirmed@example.org", topic="defects", target=report)
    mail.outbox.clear()
    update = defect_services.report_status_change(
        report=report, status=closed_status(), text="Erledigt.", by=UserFactory()
    )
    (message,) = [m for m in mail.outbox if m.to == ["gina@example.org"]]
    assert "Erledigt." in message.body
    unsubscribe = reverse("participation:unsubscribe", args=[confirmed.token])
    assert message.extra_headers["List-Unsubscribe"].endswith(f"{unsubscribe}>")
    assert not [m for m in mail.outbox if m.to == ["unconfirmed@example.org"]]
    # A retried job sends nothing twice.
    assert notifications.report_subscribers_notify(update_id=update.pk) == 0


def test_a_failed_mail_is_released_and_sent_by_the_retry(report):
    follow = services.subscription_create(
        email="hans@example.org", topic="defects", target=report, user=None
    )
    services.subscription_confirm(token=follow.token)
    with mock.patch("participation.core.services.EmailMessage.send", side_effect=OSError):
        update = defect_services.report_status_change(
            report=report, status=closed_status(), by=UserFactory()
        )
    assert not NotificationSent.objects.filter(subscription=follow).exists()
    assert notifications.report_subscribers_notify(update_id=update.pk) == 1


def test_one_click_unsubscribe_deletes_the_address_without_a_csrf_token(client, report):
    subscription = SubscriptionFactory()
    client.handler.enforce_csrf_checks = True
    response = client.post(reverse("participation:unsubscribe", args=[subscription.token]))
    assert response.status_code == 302
    assert not Subscription.objects.filter(pk=subscription.pk).exists()
    # A second click (or an unknown token) answers the same, revealing nothing.
    response = client.post(reverse("participation:unsubscribe", args=[subscription.token]))
    assert response.status_code == 302


def _post_form(client, **data):
    with time_machine.travel(timezone.now() - timedelta(seconds=10)):
        token = form_token_issue()
    return client.post(
        reverse("participation:subscribe"), {"form_token": token, "website": ""} | data
    )


def test_the_district_form_subscribes_and_asks_for_confirmation(client):
    district = DistrictFactory()
    response = _post_form(client, email="ida@example.org", district=district.pk)
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert subscription.district == district and subscription.confirmed_at is None
    assert mail.outbox[0].to == ["ida@example.org"]


def test_the_report_page_form_sends_a_signed_target(client, report):
    response = _post_form(
        client,
        email="jan@example.org",
        target=target_sign("defects", "defects.report", report.pk),
        next=f"/maengelmelder/{report.pk}/",
    )
    assert response.status_code == 302
    assert response["Location"] == f"/maengelmelder/{report.pk}/"
    assert Subscription.objects.get().target == report


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"email": "kai@example.org"}, "district"),
        ({"email": "nope", "district": "1"}, "email"),
        ({"email": "kai@example.org", "target": "forged"}, None),
    ],
)
def test_bad_subscribe_input_is_a_400_naming_the_field(client, data, field):
    response = _post_form(client, **data)
    assert response.status_code == 400
    form = response.context["form"]
    assert (field in form.errors) if field else form.non_field_errors()
    assert not Subscription.objects.exists()


def test_a_bot_filling_the_honeypot_is_refused(client):
    district = DistrictFactory()
    response = _post_form(
        client, email="bot@example.org", district=district.pk, website="http://spam.example"
    )
    assert response.status_code == 400
    assert not Subscription.objects.exists()


def test_the_weekly_digest_lists_new_public_reports_of_the_district_once(report):
    subscription = SubscriptionFactory(
        district=report.district,
        confirmed_at=timezone.now() - timedelta(days=30),
        language="en",
    )
    ReportFactory(district=report.district, moderation="pending")  # not public: not listed
    assert notifications.defect_digests_enqueue() == 1
    (message,) = mail.outbox
    assert message.to == [subscription.email]
    assert f"#{report.pk}" in message.body
    assert "new defect report" in message.body  # the subscriber's language
    assert message.body.count("#") == 1
    assert notifications.defect_digests_enqueue() == 0  # not due again for a week


def test_a_report_approved_after_a_digest_is_in_the_next_one(report):
    """Reported before the last digest but published after it (an anonymous report waiting
    for its moderator): the next digest lists it, and only that one."""
    subscription = SubscriptionFactory(
        district=report.district, confirmed_at=timezone.now() - timedelta(days=30)
    )
    waiting = defect_services.report_submit(
        service_code=report.category.service_code,
        location=report.location,
        description="Wurzel hebt den Gehweg an.",
    )
    assert waiting.moderation == "pending"
    assert notifications.defect_digests_enqueue() == 1
    (first,) = [m for m in mail.outbox if m.to == [subscription.email]]
    assert f"#{report.pk}" in first.body and f"#{waiting.pk}" not in first.body
    mail.outbox.clear()
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        defect_services.report_moderate(report=waiting, approve=True)
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        assert notifications.defect_digests_enqueue() == 1
    (message,) = [m for m in mail.outbox if m.to == [subscription.email]]
    assert f"#{waiting.pk}" in message.body
    assert f"#{report.pk}" not in message.body  # listed last week already


# --- report abuse ---------------------------------------------------------------------------


def _flag(client, report, **data):
    from participation.core.public.forms import target_sign as sign

    with time_machine.travel(timezone.now() - timedelta(seconds=10)):
        token = form_token_issue()
    return client.post(
        reverse("participation:flag"),
        {
            "form_token": token,
            "website": "",
            "target": sign("defects", "defects.report", report.pk),
            "reason": "personal_data",
            "next": f"/en/defects/{report.pk}/",
        }
        | data,
    )


def test_a_visitor_flags_a_report_once_and_moderators_see_it(client, report):
    from participation.core.selectors import abuse_flags_open

    assert _flag(client, report, text="Ein Kennzeichen ist lesbar.").status_code == 302
    assert _flag(client, report).status_code == 302  # again: counted once
    (flag,) = abuse_flags_open()
    assert flag.target == report and flag.reason == "personal_data"
    with pytest.raises(ValidationError) as error:
        services.abuse_flag_decide(flag=flag, decision="removed", reason=" ", by=None)
    assert "decision_reason" in error.value.message_dict
    services.abuse_flag_decide(flag=flag, decision="removed", reason="Foto geschwärzt", by=None)
    assert not abuse_flags_open().exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"reason": "boring"}, "reason"),
        ({"target": "forged"}, "target"),
        ({"text": "x" * 1001}, "text"),
    ],
)
def test_a_bad_flag_is_a_400_naming_the_field(client, report, data, field):
    from participation.core.models import AbuseFlag

    response = _flag(client, report, **data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not AbuseFlag.objects.exists()


def test_the_report_abuse_and_follow_forms_render_for_any_contribution(rf, report):
    from django.contrib.auth.models import AnonymousUser
    from django.template import Context, Template

    request = rf.get("/x/")
    request.user = AnonymousUser()
    html = Template(
        '{% include "participation/includes/flag_form.html" with target=report %}'
        '{% include "participation/includes/follow_form.html" with target=report %}'
    ).render(Context({"report": report, "request": request}))
    assert f'action="{reverse("participation:flag")}"' in html
    assert 'name="reason"' in html and 'name="email"' in html
