"""The site's periodic jobs in one long-running process (the docker-compose
`scheduler` service). Without it, run the same commands from cron: every
minute `publish_scheduled`, `send_pending_inquiry_notifications` and
`alert_unnotified_inquiries`, every hour `prune_db_task_results --backend
inquiries --min-age-days 14`, and once a day `purge_inquiries` (inquiry and
insurance card photo retention), `check_links` (Reports → Broken links) and
`send_reviews_due_digest` (it sends at most once a week); the JOBS list below
is the whole schedule."""

import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

logger = logging.getLogger(__name__)

# (command and its options, every how many minutes)
JOBS = [
    (("publish_scheduled",), 1),
    (("send_pending_inquiry_notifications",), 1),
    (("alert_unnotified_inquiries",), 1),
    (("remind_unopened_urgent_inquiries",), 1),
    (("prune_db_task_results", "--backend", "inquiries", "--min-age-days", "14"), 60),
    (("flush_insights",), 10),  # Redis visit counters → Reports → Marketing
    # Retention: old inquiries, card photos past INSURANCE_CARD_RETENTION_DAYS
    # and stray card files. Once when the scheduler starts, then every 24 hours.
    (("purge_inquiries",), 24 * 60),
    (("check_links", "--max-minutes", "5"), 24 * 60),  # Reports → Broken links
    # Asked daily; it sends at most one digest a week (editorial).
    (("send_reviews_due_digest",), 24 * 60),
]


class Command(BaseCommand):
    help = (
        "Run the site's periodic jobs for ever: scheduled publishing and the "
        "notification sweep and alert every minute, task-result pruning every "
        "hour, and purge_inquiries (inquiries past INQUIRY_RETENTION_DAYS, "
        "insurance card photos past INSURANCE_CARD_RETENTION_DAYS, stray card "
        "files), the link check and the reviews-due digest (weekly at most) once "
        "a day, first when it starts. A job that fails (database or "
        "mail down) is logged and tried again at its next turn; the loop itself "
        "never stops."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Run every job once and exit."
        )

    def handle(self, *args, once=False, **options):
        minute = 0
        while True:
            started = time.monotonic()
            for job, every in JOBS:
                if minute % every == 0:
                    self.run_job(job)
            if once:
                return
            minute += 1
            time.sleep(max(0, 60 - (time.monotonic() - started)))

    def run_job(self, job):
        # A connection broken by a database restart is replaced, not reused.
        close_old_connections()
        try:
            call_command(*job, stdout=self.stdout, stderr=self.stderr)
        except Exception:  # noqa: BLE001 - one failing job must not stop the rest
            logger.exception("Scheduled job %s failed; tried again next turn", job[0])
