from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import timezone

from editorial import reviews_due
from editorial.models import ReviewDue
from editorial.roles import MEDICAL_REVIEWERS

# One digest a week however often the scheduler asks (it asks at each start).
SENT_KEY = "editorial:reviews-due-digest-sent"
WEEK_SECONDS = 7 * 24 * 60 * 60 - 60 * 60


def admin_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


class Command(BaseCommand):
    help = (
        "Email the Medical reviewers group the health pages whose review is "
        "overdue or due within 30 days: titles and admin links only. Sends "
        "nothing when none is due. The scheduler runs it weekly."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Send even if one went this week."
        )

    def handle(self, *args, force=False, **options):
        if not force and cache.get(SENT_KEY):
            self.stdout.write("A digest went out this week; none sent.")
            return
        today = timezone.localdate()
        rows = list(
            reviews_due.due_for(ReviewDue.objects.select_related("page"), today)
        )
        recipients = sorted(
            {
                user.email
                for user in get_user_model().objects.filter(
                    is_active=True, groups__name=MEDICAL_REVIEWERS
                )
                if user.email
            }
        )
        if not rows or not recipients:
            self.stdout.write(f"{len(rows)} reviews due; no digest sent.")
            return
        lines = [
            f"{len(rows)} health page{'s' if len(rows) != 1 else ''} need a medical "
            "review (overdue first):",
            "",
        ]
        for row in rows:
            when = "never reviewed" if row.due is None else f"due {row.due:%Y-%m-%d}"
            lines.append(f"- {row.page.title} ({row.status.lower()}, {when})")
            lines.append(
                f"  {admin_url(reverse('wagtailadmin_pages:edit', args=[row.page_id]))}"
            )
        lines += ["", f"The whole list: {admin_url(reverse('reviews_due'))}"]
        send_mail(
            f"Medical reviews due: {len(rows)}", "\n".join(lines), None, recipients
        )
        cache.set(SENT_KEY, today.isoformat(), WEEK_SECONDS)
        self.stdout.write(f"Sent the digest of {len(rows)} reviews due.")
