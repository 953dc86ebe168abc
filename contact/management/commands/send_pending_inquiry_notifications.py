from django.core.management.base import BaseCommand

from contact.tasks import queue_unsent_notifications


class Command(BaseCommand):
    help = (
        "Queue the admissions notification again for every inquiry whose email "
        "has not gone out (mail server or worker was down). Run it every few "
        "minutes, e.g. from cron or the worker container."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--min-age-seconds",
            type=int,
            default=120,
            help="Leave inquiries younger than this to their first task.",
        )

    def handle(self, *args, min_age_seconds=120, **options):
        count = queue_unsent_notifications(older_than_seconds=min_age_seconds)
        self.stdout.write(f"Queued {count} pending inquiry notifications.")
