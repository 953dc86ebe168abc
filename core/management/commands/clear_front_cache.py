from django.core.management.base import BaseCommand

from wagtail.models import Site

from core import frontend_cache


class Command(BaseCommand):
    help = (
        "Drop every page of every site from the front cache (Varnish). Run it "
        "once a new release serves: pages Varnish keeps were made by the old "
        "code, and no content change would retire them. Without "
        "FRONTEND_CACHE_URL it does nothing."
    )

    def handle(self, *args, **options):
        if not frontend_cache.cache_locations():
            self.stdout.write("No front cache is set (FRONTEND_CACHE_URL).")
            return
        sites = list(Site.objects.order_by("pk"))
        for site in sites:
            frontend_cache.ban(site.root_url + "/")
        self.stdout.write(f"Dropped the cached pages of {len(sites)} site(s).")
