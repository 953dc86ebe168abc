from django.core.management.base import BaseCommand

from contact.tasks import remind_about_unopened_urgent_inquiries


class Command(BaseCommand):
    help = (
        "Email the Admissions group once about each urgent inquiry nobody has "
        "opened within Settings → Inquiries' reminder minutes (a link, no names). "
        "The scheduler runs it every minute."
    )

    def handle(self, *args, **options):
        count = remind_about_unopened_urgent_inquiries()
        self.stdout.write(
            f"Reminded admissions about {count} unopened urgent inquiries."
        )
