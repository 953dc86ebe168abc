from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from core.demo import load_site

# Apps whose demo.py offers `load(site, log)`, in the order their pages depend
# on each other (the contact page exists before articles link to it).
DEMO_MODULES = [
    "contact.demo",
    "services.demo",
    "locations.demo",
    "standard_pages.demo",
    "articles.demo",
    "site_search.demo",
    "home.demo",
    # Last: completes the menus with every page the loaders above created.
    "navigation.demo",
]


class Command(BaseCommand):
    help = "Load the Evoke Wellness demo content. Safe to run again: it adds only what is missing."

    def handle(self, *args, **options):
        def log(message):
            self.stdout.write(f"  {message}")

        with transaction.atomic():
            site = load_site(log)
            for name in DEMO_MODULES:
                import_module(name).load(site, log)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
