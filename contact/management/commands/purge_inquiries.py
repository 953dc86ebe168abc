from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from contact.models import Inquiry

# Finished notification tasks are kept this long to look into a failure, then
# deleted: each names an inquiry, and the table would otherwise only grow.
TASK_RESULT_RETENTION_DAYS = 14


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


class Command(BaseCommand):
    help = (
        "Delete inquiries (with their notes) received more than N days ago. "
        "Default N: the INQUIRY_RETENTION_DAYS setting. Audit-log entries stay; "
        "they hold only the inquiry number, never names or messages. Finished "
        f"task results older than {TASK_RESULT_RETENTION_DAYS} days go too."
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
            help="Only report how many inquiries would be deleted.",
        )

    def handle(self, *args, older_than_days=None, dry_run=False, **options):
        days = (
            settings.INQUIRY_RETENTION_DAYS
            if older_than_days is None
            else older_than_days
        )
        if days < 1:
            raise CommandError("--older-than-days must be at least 1.")
        cutoff = timezone.now() - timedelta(days=days)
        old = Inquiry.objects.filter(created_at__lt=cutoff)
        count = old.count()
        task_results = old_task_results()
        if dry_run:
            self.stdout.write(
                f"Dry run: {count} inquiries received before {cutoff:%Y-%m-%d} "
                f"and {task_results.count()} old task results would be deleted."
            )
            return
        old.delete()
        pruned, _ = task_results.delete()
        self.stdout.write(
            self.style.SUCCESS(
                f"Deleted {count} inquiries received before {cutoff:%Y-%m-%d} "
                f"and {pruned} old task results."
            )
        )
