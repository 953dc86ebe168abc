"""Check the external links of live pages (daily, from run_scheduler)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from health_checks.link_checker import LinkChecker
from health_checks.links import check_links


class Command(BaseCommand):
    help = (
        "Ask every external address that live pages link to (Sources entries "
        "and links in rich text) whether it still answers, and keep each "
        "answer for Reports → Broken links. A few requests at a time, one at "
        "a time per host. With --max-minutes, links not reached in time are "
        "checked first on the next run."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--timeout", type=float, default=10.0, help="Seconds per request."
        )
        parser.add_argument(
            "--workers", type=int, default=4, help="Requests at a time, in all."
        )
        parser.add_argument(
            "--host-delay",
            type=float,
            default=1.0,
            help="Seconds between two requests to the same host.",
        )
        parser.add_argument(
            "--max-minutes",
            type=float,
            default=None,
            help="Start no new request after this long (the scheduler's other "
            "jobs wait while this one runs).",
        )

    def handle(self, *args, timeout, workers, host_delay, max_minutes, **options):
        checker = LinkChecker(
            timeout=timeout,
            workers=workers,
            host_delay=host_delay,
            allow_private_addresses=getattr(
                settings, "LINK_CHECK_ALLOW_PRIVATE_ADDRESSES", False
            ),
        )
        summary = check_links(
            checker, max_seconds=None if max_minutes is None else max_minutes * 60
        )
        self.stdout.write(f"Link check: {summary}.")
