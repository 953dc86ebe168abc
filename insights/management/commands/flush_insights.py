from django.core.management.base import BaseCommand

from insights import counting


class Command(BaseCommand):
    help = (
        "Move the visit counts kept in Redis into the daily rows the reports "
        "read. Safe to run at any time and beside itself: nothing is lost or "
        "counted twice, even after a run that died half-way."
    )

    def handle(self, *args, **options):
        moved = counting.flush()
        self.stdout.write(f"Insights: {moved} counted events moved to daily rows.")
