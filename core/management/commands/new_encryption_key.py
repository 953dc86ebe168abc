import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.encryption import new_key


class Command(BaseCommand):
    help = (
        "Print a new FIELD_ENCRYPTION_KEY, or with --into FILE write it to FILE "
        "(readable by its owner only) unless FILE already holds one."
    )

    def add_arguments(self, parser):
        parser.add_argument("--into", type=Path, help="Write the key to this file.")

    def handle(self, *args, into=None, **options):
        if into is None:
            self.stdout.write(new_key())
            return
        if into.exists() and into.read_text().strip():
            self.stdout.write(f"{into} already holds a key; left as it is.")
            return
        into.parent.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(into, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        except OSError as error:
            raise CommandError(f"Cannot write {into}: {error.strerror}") from None
        with os.fdopen(descriptor, "w") as file:
            file.write(new_key() + "\n")
        self.stdout.write(f"Wrote a new encryption key to {into}.")
