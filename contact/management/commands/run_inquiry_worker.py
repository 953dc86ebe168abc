import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Run the admissions notification worker (db_worker --backend inquiries) "
        "and start it again, with a growing pause, whenever it stops on an "
        "error such as a database restart. SIGTERM or Ctrl-C still stop it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-pause",
            type=float,
            default=30,
            help="Longest pause in seconds between restarts (default 30).",
        )

    def handle(self, *args, max_pause=30, **options):
        pause = 1
        while True:
            started = time.monotonic()
            try:
                call_command("db_worker", "--backend", "inquiries")
                return  # db_worker only returns when told to stop
            except Exception:  # noqa: BLE001 - whatever stopped it, start again
                logger.exception(
                    "Inquiry worker stopped; starting again in %s s", pause
                )
            # Connections broken by the outage must not be reused.
            connections.close_all()
            if time.monotonic() - started > 5 * max_pause:
                pause = 1  # it had been running fine: this is a new outage
            time.sleep(pause)
            pause = min(pause * 2, max_pause)
