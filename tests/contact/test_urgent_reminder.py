"""An urgent inquiry nobody in admissions opens gets one reminder to the team."""

from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest

from contact.models import InquirySettings

from .conftest import make_inquiry

pytestmark = pytest.mark.django_db


def remind():
    call_command("remind_unopened_urgent_inquiries", stdout=StringIO())


def urgent(minutes_ago, **extra):
    inquiry = make_inquiry(is_urgent=True, name="Casey Moreno", **extra)
    inquiry.created_at = timezone.now() - timedelta(minutes=minutes_ago)
    inquiry.save(update_fields=["created_at"])
    return inquiry


def test_an_unopened_urgent_inquiry_reminds_admissions_once(admissions_user, site):
    urgent(minutes_ago=12)
    remind()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["admissions@example.org"]
    assert message.subject.startswith("URGENT")
    assert "Casey" not in message.subject + message.body
    assert "/admin/inquiries/" in message.body
    remind()
    assert len(mail.outbox) == 1  # once only


def test_an_opened_or_recent_or_ordinary_inquiry_sends_nothing(
    client, admissions_user, site
):
    opened = urgent(minutes_ago=30)
    client.force_login(admissions_user)
    client.get(reverse("inquiries:inspect", args=[opened.pk]))
    urgent(minutes_ago=3)  # not yet past the 10 minutes
    make_inquiry(is_urgent=False)
    remind()
    assert mail.outbox == []


def test_the_wait_is_set_under_settings_inquiries(admissions_user, site):
    settings = InquirySettings.for_site(site)
    settings.urgent_reminder_minutes = 30
    settings.save()
    urgent(minutes_ago=12)
    remind()
    assert mail.outbox == []
    urgent(minutes_ago=31)
    remind()
    assert len(mail.outbox) == 1
