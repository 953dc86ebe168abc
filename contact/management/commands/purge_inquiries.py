from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from contact.models import Inquiry


class Command(BaseCommand):
    help = (
        "Delete inquiries (with their notes) received more than N days ago. "
        "Default N: the INQUIRY_RETENTION_DAYS setting. Audit-log entries stay; "
        "they hold only the inquiry number, never names or messages."
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
        if dry_run:
            self.stdout.write(
                f"Dry run: {count} inquiries received before {cutoff:%Y-%m-%d} "
                "would be deleted."
            )
            return
        old.delete()
        self.stdout.write(
            self.style.SUCCESS(
                f"Deleted {count} inquiries received before {cutoff:%Y-%m-%d}."
            )
        )
