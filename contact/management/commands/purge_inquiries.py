"""Retention: old inquiries, insurance card photos, stray card files, task results.

Card photos are needed only while admissions check the coverage: after
INSURANCE_CARD_RETENTION_DAYS the files are deleted and the verification keeps
only the date they went (cards_deleted_at). The record is updated first and the files deleted
after its commit, so a verification never names a missing file; a file left by
a crash (there, or between saving an upload and committing its verification)
is named by nothing and goes once it is a day old. Run daily (run_scheduler).
"""

import contextlib
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from contact.models import Inquiry
from insurance import cards
from insurance.models import InsuranceDetails, card_storage

# Finished notification tasks are kept this long to look into a failure, then
# deleted: each names an inquiry, and the table would otherwise only grow.
TASK_RESULT_RETENTION_DAYS = 14
# A card file nothing names is left alone this long: the verification it was
# saved for may still be committing.
ORPHAN_CARD_FILE_AGE = timedelta(days=1)


def old_task_results(days=TASK_RESULT_RETENTION_DAYS):
    """Finished results of every database task backend, finished before `days`."""
    aliases = [
        alias
        for alias in settings.TASKS
        if isinstance(task_backends[alias], DatabaseBackend)
    ]
    cutoff = timezone.now() - timedelta(days=days)
    return DBTaskResult.objects.finished().filter(
        backend_name__in=aliases, finished_at__lt=cutoff
    )


def expired_card_photos(cutoff):
    """Insurance details of verifications received before `cutoff` that still
    name a card photo."""
    return InsuranceDetails.objects.filter(inquiry__created_at__lt=cutoff).exclude(
        card_front="", card_back=""
    )


def photo_names(rows):
    return [name for _pk, *names in rows for name in names if name]


def delete_card_photos(cutoff):
    """Delete the expired photos, keeping their verifications; how many."""
    with transaction.atomic():
        rows = list(
            expired_card_photos(cutoff)
            .select_for_update(of=("self",))
            .values_list("pk", "card_front", "card_back")
        )
        InsuranceDetails.objects.filter(pk__in=[row[0] for row in rows]).update(
            card_front="", card_back="", cards_deleted_at=timezone.now()
        )
    names = photo_names(rows)
    # After the commit: a failure here leaves files nothing names, which the
    # orphan sweep deletes; never a record naming a deleted file.
    cards.delete(*names)
    return len(names)


def orphan_card_files():
    """Names of card files no InsuranceDetails names, older than a day."""
    storage = card_storage()
    try:
        _folders, files = storage.listdir("")
    except FileNotFoundError:
        return []
    # Listed before the names are read: a file saved meanwhile is too new anyway.
    named = set()
    for front, back in InsuranceDetails.objects.values_list("card_front", "card_back"):
        named.update((front, back))
    old_before = timezone.now() - ORPHAN_CARD_FILE_AGE
    orphans = []
    for name in files:
        if name in named:
            continue
        with contextlib.suppress(FileNotFoundError):
            if storage.get_modified_time(name) < old_before:
                orphans.append(name)
    return orphans


class Command(BaseCommand):
    help = (
        "Delete inquiries (with their notes) received more than N days ago. "
        "Default N: the INQUIRY_RETENTION_DAYS setting. Audit-log entries stay; "
        "they hold only the inquiry number, never names or messages. Insurance "
        "card photos of verifications received more than "
        "INSURANCE_CARD_RETENTION_DAYS ago are deleted (the verification stays, "
        "with the date they went), and so are card files no verification names "
        f"that are over a day old. Finished task results older than "
        f"{TASK_RESULT_RETENTION_DAYS} days go too. Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-days",
            type=int,
            default=None,
            help="Delete inquiries received more than this many days ago "
            "(default: INQUIRY_RETENTION_DAYS).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only report how many inquiries, card photos, orphan card files "
            "and task results would be deleted.",
        )

    def handle(self, *args, older_than_days=None, dry_run=False, **options):
        days = (
            settings.INQUIRY_RETENTION_DAYS
            if older_than_days is None
            else older_than_days
        )
        if days < 1:
            raise CommandError("--older-than-days must be at least 1.")
        card_days = settings.INSURANCE_CARD_RETENTION_DAYS
        if card_days < 1:
            raise CommandError("INSURANCE_CARD_RETENTION_DAYS must be at least 1.")
        now = timezone.now()
        cutoff = now - timedelta(days=days)
        # The photos of inquiries deleted now go first too, the same way.
        photo_cutoff = max(cutoff, now - timedelta(days=card_days))
        old = Inquiry.objects.filter(created_at__lt=cutoff)
        count = old.count()
        task_results = old_task_results()
        if dry_run:
            photos = len(
                photo_names(
                    expired_card_photos(photo_cutoff).values_list(
                        "pk", "card_front", "card_back"
                    )
                )
            )
            self.stdout.write(
                f"Dry run: {count} inquiries received before {cutoff:%Y-%m-%d}, "
                f"{photos} card photos of verifications received before "
                f"{photo_cutoff:%Y-%m-%d}, {len(orphan_card_files())} orphan card "
                f"files and {task_results.count()} old task results would be "
                "deleted."
            )
            return
        photos = delete_card_photos(photo_cutoff)
        old.delete()
        orphans = orphan_card_files()
        cards.delete(*orphans)
        pruned, _ = task_results.delete()
        self.stdout.write(
            self.style.SUCCESS(
                f"Deleted {count} inquiries received before {cutoff:%Y-%m-%d}, "
                f"{photos} card photos of verifications received before "
                f"{photo_cutoff:%Y-%m-%d} (the verifications stay), {len(orphans)} "
                f"orphan card files and {pruned} old task results."
            )
        )
