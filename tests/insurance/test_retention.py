"""Card photos are kept only as long as admissions need them to check coverage:
`purge_inquiries` (daily in the scheduler) deletes them after
INSURANCE_CARD_RETENTION_DAYS, keeps the verification itself, and removes card
files no verification names (left by a crash between saving and committing)."""

import os
import time
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.utils import timezone

import pytest

from contact.models import Inquiry
from insurance import cards
from insurance.models import InsuranceDetails, card_storage

from .test_admin import jpeg, make_verification

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def purge(*args):
    out = StringIO()
    call_command("purge_inquiries", *args, stdout=out)
    return out.getvalue()


def names_of(inquiry):
    return list(InsuranceDetails.objects.get(inquiry=inquiry).card_names().values())


def stored(name):
    return card_storage().exists(name)


def last_modified_days_ago(name, days):
    when = time.time() - days * 24 * 3600
    os.utime(card_storage().path(name), (when, when))


def test_card_photos_go_after_the_retention_period_and_the_verification_stays():
    old = make_verification(name="Old Family", received_days_ago=31)
    front_only = make_verification(name="Front Only", received_days_ago=45, back=False)
    recent = make_verification(name="Recent Family", received_days_ago=29)
    old_names, front_only_names = names_of(old), names_of(front_only)
    recent_names = names_of(recent)
    assert all(map(stored, old_names + front_only_names + recent_names))

    before = timezone.now()
    output = purge()

    assert "Deleted 0 inquiries" in output
    assert "3 card photos" in output
    for name in old_names + front_only_names:
        assert not stored(name), name
    for inquiry in (old, front_only):
        details = InsuranceDetails.objects.get(inquiry=inquiry)
        assert (details.card_front, details.card_back) == ("", "")
        assert details.cards_deleted_at >= before
        # The verification itself is kept, with what the family typed.
        assert details.member_id == "XJH123456789"
        assert Inquiry.objects.filter(pk=inquiry.pk).exists()
    kept = InsuranceDetails.objects.get(inquiry=recent)
    assert kept.cards_deleted_at is None
    assert names_of(recent) == recent_names
    assert all(cards.read(name) for name in recent_names)

    # A second run finds nothing left to delete and keeps the first date.
    deleted_at = InsuranceDetails.objects.get(inquiry=old).cards_deleted_at
    assert "0 card photos" in purge()
    assert InsuranceDetails.objects.get(inquiry=old).cards_deleted_at == deleted_at


def test_a_dry_run_counts_the_photos_and_deletes_nothing():
    old = make_verification(received_days_ago=31)
    orphan = cards.store(jpeg())
    last_modified_days_ago(orphan, 2)

    output = purge("--dry-run")

    assert "would be deleted" in output
    assert "0 inquiries" in output
    assert "2 card photos" in output
    assert "1 orphan card files" in output
    assert all(map(stored, [*names_of(old), orphan]))
    assert InsuranceDetails.objects.get(inquiry=old).cards_deleted_at is None

    # What the dry run announced is what the real run does.
    real = purge()
    assert "2 card photos" in real and "1 orphan card files" in real


def test_the_retention_setting_decides_how_long_photos_are_kept(settings):
    settings.INSURANCE_CARD_RETENTION_DAYS = 7
    gone = make_verification(name="Eight Days", received_days_ago=8)
    kept = make_verification(name="Six Days", received_days_ago=6)
    gone_names, kept_names = names_of(gone), names_of(kept)
    purge()
    assert names_of(gone) == [] and not any(map(stored, gone_names))
    assert names_of(kept) == kept_names and all(map(stored, kept_names))


def test_an_inquiry_past_its_own_retention_leaves_no_photo_behind(
    settings, django_capture_on_commit_callbacks
):
    settings.INQUIRY_RETENTION_DAYS = 730
    ancient = make_verification(received_days_ago=800)
    names = names_of(ancient)
    with django_capture_on_commit_callbacks(execute=True):
        output = purge()
    assert "Deleted 1 inquiries" in output
    assert "2 card photos" in output
    assert not Inquiry.objects.filter(pk=ancient.pk).exists()
    assert not any(map(stored, names))


def test_card_files_no_verification_names_are_deleted_after_a_day():
    # A crash between saving the photo and committing the verification leaves
    # a file that nothing names; one saved a moment ago may still be committed.
    abandoned = cards.store(jpeg())
    last_modified_days_ago(abandoned, 2)
    being_sent = cards.store(jpeg())
    named = make_verification(received_days_ago=3)
    for name in names_of(named):
        last_modified_days_ago(name, 3)

    output = purge()

    assert "1 orphan card files" in output
    assert not stored(abandoned)
    assert stored(being_sent)
    assert all(map(stored, names_of(named)))


def test_no_card_folder_yet_is_not_an_error(settings, tmp_path):
    settings.INSURANCE_CARD_ROOT = tmp_path / "never-created"
    assert "0 orphan card files" in purge()


def test_the_scheduler_purges_once_a_day():
    from core.management.commands.run_scheduler import JOBS, Command

    assert (("purge_inquiries",), 24 * 60) in JOBS
    assert "purge_inquiries" in Command.help
    compose = (ROOT / "docker-compose.yml").read_text()
    scheduler = compose.split("\n  scheduler:\n", 1)[1].split("command:", 1)[0]
    assert "purge_inquiries" in scheduler
