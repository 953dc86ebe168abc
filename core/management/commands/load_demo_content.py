from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from core.demo import load_second_center, load_site

# Apps whose demo.py offers `load(site, log)`, in the order their pages depend
# on each other (the contact page exists before articles link to it).
DEMO_MODULES = [
    "contact.demo",
    "insurance.demo",
    "services.demo",
    "locations.demo",
    "standard_pages.demo",
    "articles.demo",
    "site_search.demo",
    "home.demo",
    # Last: completes the menus with every page the loaders above created.
    "navigation.demo",
]
# The default center's pages in Spanish, translated from the English ones once
# they are final (showing the articles at the second center publishes them
# again, which would list their translations as out of date): the home page
# first, as the other Spanish pages go under it.
SPANISH_DEMO_MODULES = [
    "home.demo_es",
    "contact.demo_es",
    "insurance.demo_es",
    "services.demo_es",
    "locations.demo_es",
    "standard_pages.demo_es",
    "articles.demo_es",
]


class Command(BaseCommand):
    help = (
        "Load the Evoke Wellness demo content: Waltham (the default site) and "
        "Cohasset (cohasset.localhost). Safe to run again: it adds only what is "
        "missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--address",
            metavar="HOST:PORT",
            help="Where the demo is served (`make run`: 127.0.0.1:8000), so its "
            "canonical links, sitemap and robots.txt point there.",
        )

    def handle(self, *args, **options):
        def log(message):
            self.stdout.write(f"  {message}")

        port = None
        with transaction.atomic():
            site = load_site(log)
            if options["address"]:
                hostname, _, port = options["address"].rpartition(":")
                port = int(port)
                site.hostname, site.port = hostname, port
                site.save()
                log(f"Serving the site at http://{options['address']}/")
            for name in DEMO_MODULES:
                import_module(name).load(site, log)
            # On the same port: cohasset.localhost:8000 beside 127.0.0.1:8000.
            second = load_second_center(site, log, port=port)
            log(f"Serving {second.site_name} at {second.root_url}/")
            for name in SPANISH_DEMO_MODULES:
                import_module(name).load(site, log)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
