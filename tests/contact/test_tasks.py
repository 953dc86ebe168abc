from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest

from contact.models import Inquiry, InquirySettings
from contact.tasks import notify_admissions

from .conftest import form_data, make_inquiry, make_staff

pytestmark = pytest.mark.django_db

FAILING_BACKEND = "tests.contact.failing_email.MailServerDownBackend"


@pytest.fixture
def recipients(site):
    inquiry_settings = InquirySettings.for_site(site)
    inquiry_settings.notification_emails = "intake@example.org\nlead@example.org"
    inquiry_settings.save()
    return inquiry_settings


def sweep(min_age_seconds=0):
    call_command(
        "send_pending_inquiry_notifications",
        min_age_seconds=min_age_seconds,
        stdout=StringIO(),
    )


def test_notification_links_to_the_admin_and_holds_no_personal_details(recipients):
    inquiry = make_inquiry(
        name="Quentin Uniquename",
        email="quentin@example.org",
        message="Relapsed on heroin last week",
    )
    notify_admissions.enqueue(inquiry_id=inquiry.pk)
    (email,) = mail.outbox
    assert sorted(email.to) == ["intake@example.org", "lead@example.org"]
    assert reverse("inquiries:inspect", args=[inquiry.pk]) in email.body
    text = email.subject + email.body
    for detail in ("Quentin", "Uniquename", "quentin@", "heroin", "6175550134"):
        assert detail not in text
    inquiry.refresh_from_db()
    assert inquiry.notified_at is not None


def test_without_configured_addresses_the_admissions_group_is_told(
    site, django_user_model
):
    make_staff(django_user_model, "intake", "Admissions")
    make_staff(django_user_model, "writer", "Marketing editors")
    inquiry = make_inquiry()
    notify_admissions.enqueue(inquiry_id=inquiry.pk)
    assert mail.outbox[0].to == ["intake@example.org"]


def test_urgent_inquiry_says_so_in_the_subject_only(recipients):
    inquiry = make_inquiry(is_urgent=True, message="overdose")
    notify_admissions.enqueue(inquiry_id=inquiry.pk)
    assert mail.outbox[0].subject.startswith("URGENT")
    assert "overdose" not in mail.outbox[0].body


def test_notification_is_queued_only_after_the_inquiry_is_committed(
    client, contact_page, recipients, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post("/contact/", form_data())
    assert len(callbacks) == 1
    assert mail.outbox == []
    callbacks[0]()
    assert len(mail.outbox) == 1


@pytest.mark.fault("outage")
def test_mail_server_down_keeps_the_inquiry_and_the_sweep_sends_it_later(
    client, contact_page, recipients, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/contact/", form_data())
    assert response.status_code == 302
    assert response["Location"] == "/contact/thank-you/"
    inquiry = Inquiry.objects.get()
    assert inquiry.notified_at is None
    assert mail.outbox == []

    sweep()  # still down: stays unsent, nothing raised
    inquiry.refresh_from_db()
    assert inquiry.notified_at is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    sweep()
    inquiry.refresh_from_db()
    assert inquiry.notified_at is not None
    assert len(mail.outbox) == 1

    sweep()  # already sent: no second email
    assert len(mail.outbox) == 1


def test_sweep_leaves_fresh_inquiries_to_their_first_task(recipients):
    make_inquiry()
    sweep(min_age_seconds=120)
    assert mail.outbox == []


def test_spam_is_never_notified(recipients):
    spam = make_inquiry(status=Inquiry.Status.SPAM)
    spam.created_at = timezone.now() - timedelta(hours=1)
    spam.save()
    notify_admissions.enqueue(inquiry_id=spam.pk)
    sweep()
    assert mail.outbox == []


# The worker takes its own (exclusive, on SQLite) transaction, so this test
# commits for real; serialized_rollback restores the migrated groups afterwards.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_database_backend_stores_only_the_id_for_the_worker(
    content_types_cached,
    client,
    contact_page,
    recipients,
    settings,
    django_capture_on_commit_callbacks,
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "inquiries": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/contact/", form_data(name="Quentin Uniquename"))
    inquiry = Inquiry.objects.get()
    queued = DBTaskResult.objects.get()
    assert queued.args_kwargs == {"args": [], "kwargs": {"inquiry_id": inquiry.pk}}
    assert mail.outbox == []

    call_command(
        "db_worker",
        "--backend",
        "inquiries",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    assert len(mail.outbox) == 1
    inquiry.refresh_from_db()
    assert inquiry.notified_at is not None


def waited(minutes, **overrides):
    inquiry = make_inquiry(**overrides)
    Inquiry.objects.filter(pk=inquiry.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes)
    )
    return inquiry


def alert():
    call_command("alert_unnotified_inquiries", stdout=StringIO())


def test_superusers_hear_once_about_an_inquiry_unnotified_for_15_minutes(superuser):
    stuck = waited(16, name="Quentin Uniquename", message="secret-detail-xyz")
    waited(5)  # still within its first task's time
    waited(60, status=Inquiry.Status.SPAM)
    waited(60, notified_at=timezone.now())
    alert()
    (email,) = mail.outbox
    assert email.to == ["root@example.org"]
    assert email.subject == "Website inquiries are waiting without a notification"
    assert "1 inquiry has waited more than 15 minutes" in email.body
    assert "http://testserver/admin/inquiries/" in email.body
    assert "Uniquename" not in email.body and "secret-detail-xyz" not in email.body
    stuck.refresh_from_db()
    assert stuck.unnotified_alert_at is not None
    alert()
    assert len(mail.outbox) == 1


def test_an_alert_that_could_not_be_sent_is_tried_again(superuser, settings):
    stuck = waited(20)
    settings.EMAIL_BACKEND = FAILING_BACKEND
    with pytest.raises(OSError):
        alert()
    stuck.refresh_from_db()
    assert stuck.unnotified_alert_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    alert()
    assert len(mail.outbox) == 1


def test_the_dashboard_warns_about_unnotified_inquiries(client, admissions_user):
    client.force_login(admissions_user)
    assert (
        "without admissions being emailed" not in client.get("/admin/").content.decode()
    )
    waited(16)
    html = client.get("/admin/").content.decode()
    assert "1 inquiry has waited more than 15 minutes without admissions being" in html
