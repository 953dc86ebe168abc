from django.core.management.base import BaseCommand

from contact.tasks import UNNOTIFIED_ALERT_AFTER, alert_superusers_about_unnotified


class Command(BaseCommand):
    help = (
        "Email active superusers about real inquiries whose admissions "
        f"notification has not gone out after {UNNOTIFIED_ALERT_AFTER}; each "
        "inquiry is alerted once. The scheduler runs it every minute."
    )

    def handle(self, *args, **options):
        count = alert_superusers_about_unnotified()
        self.stdout.write(f"Alerted superusers about {count} unnotified inquiries.")
