from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from contact.centers import team_of
from core import phone
from core.centers import add_center
from services.demo import SERVICES


class Command(BaseCommand):
    help = (
        "Add a center to the group: its own Wagtail site at HOSTNAME with a home "
        "page, contact, insurance verification, programs, location and articles "
        "pages, its center details, menus and admissions team. Safe to run again: "
        "it adds only what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--name", required=True, help="e.g. “Evoke Wellness at Cohasset”"
        )
        parser.add_argument(
            "--hostname",
            required=True,
            help="The center's own domain, e.g. cohasset.example.org "
            "(cohasset.localhost on a developer's machine). Add it to ALLOWED_HOSTS.",
        )
        parser.add_argument(
            "--port",
            type=int,
            help="The port it is served on when not 80 (`make run`: 8000).",
        )
        parser.add_argument(
            "--phone", required=True, help="The admissions line, e.g. 866.931.6429"
        )
        parser.add_argument(
            "--address",
            action="append",
            default=[],
            metavar="LINE",
            help="One line of the postal address; repeat for each line, e.g. "
            "--address “Evoke Wellness at Cohasset” --address “Cohasset, MA 02025”.",
        )
        parser.add_argument(
            "--program",
            action="append",
            default=[],
            choices=[slug for slug, *_ in SERVICES],
            metavar="SLUG",
            help="A program to start with, from the demo's programs ("
            + ", ".join(slug for slug, *_ in SERVICES)
            + "); repeat for more.",
        )

    def handle(self, *args, **options):
        hostname = options["hostname"].strip().lower()
        if not hostname or any(ch in hostname for ch in ":/ "):
            raise CommandError(
                "Give the hostname alone, e.g. cohasset.example.org, and the port "
                "with --port."
            )
        try:
            admissions_phone = phone.to_e164(options["phone"])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc

        def log(message):
            self.stdout.write(f"  {message}")

        with transaction.atomic():
            site = add_center(
                name=options["name"].strip(),
                hostname=hostname,
                port=options["port"],
                phone=admissions_phone,
                address="\n".join(line.strip() for line in options["address"]),
                programs=options["program"],
                log=log,
            )
        self.stdout.write(
            self.style.SUCCESS(f"{site.site_name} is in place at {site.root_url}/")
        )
        self.stdout.write(
            "Next, in the admin (choose this site at the top of each settings "
            "page): Settings → Center details (accreditations, logo, privacy "
            "page), Settings → Navigation, Settings → Inquiries. Add the center's "
            f"admissions staff to the group “{team_of(site).name}”. In production, "
            f"add {hostname} to ALLOWED_HOSTS."
        )
