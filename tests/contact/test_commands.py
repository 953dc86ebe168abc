from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

import pytest

from contact.models import Inquiry, InquiryNote

from .conftest import make_inquiry

pytestmark = pytest.mark.django_db


def received_days_ago(days, **overrides):
    inquiry = make_inquiry(**overrides)
    Inquiry.objects.filter(pk=inquiry.pk).update(
        created_at=timezone.now() - timedelta(days=days)
    )
    return inquiry


def purge(*args):
    out = StringIO()
    call_command("purge_inquiries", *args, stdout=out)
    return out.getvalue()


def test_purge_deletes_old_inquiries_and_their_notes_and_keeps_recent_ones():
    old = received_days_ago(40)
    InquiryNote.objects.create(inquiry=old, text="Called back")
    recent = received_days_ago(10)
    output = purge("--older-than-days", "30")
    assert list(Inquiry.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not InquiryNote.objects.exists()
    assert "Deleted 1 inquiries" in output


def test_purge_dry_run_deletes_nothing():
    received_days_ago(40)
    output = purge("--older-than-days", "30", "--dry-run")
    assert Inquiry.objects.count() == 1
    assert "1 inquiries" in output and "would be deleted" in output


def test_purge_defaults_to_the_retention_setting(settings):
    settings.INQUIRY_RETENTION_DAYS = 100
    received_days_ago(101)
    kept = received_days_ago(99)
    purge()
    assert list(Inquiry.objects.values_list("pk", flat=True)) == [kept.pk]


def test_purge_prunes_old_task_results_and_keeps_recent_and_waiting_ones(settings):
    from django_tasks_db.models import DBTaskResult

    from contact.tasks import notify_admissions

    settings.TASKS = {
        **settings.TASKS,
        "inquiries": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    old, recent, waiting = (
        notify_admissions.enqueue(inquiry_id=number).id for number in (1, 2, 3)
    )
    now = timezone.now()
    DBTaskResult.objects.filter(pk=old).update(
        status="SUCCESSFUL", finished_at=now - timedelta(days=30)
    )
    DBTaskResult.objects.filter(pk=recent).update(
        status="FAILED", finished_at=now - timedelta(days=2)
    )
    DBTaskResult.objects.filter(pk=waiting).update(enqueued_at=now - timedelta(days=30))
    assert "1 old task results" in purge()
    remaining = {str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)}
    assert remaining == {str(recent), str(waiting)}
