from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Site

from seo.sitemap import IndexableSitemap


def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": IndexableSitemap})


@require_GET
def robots_txt(request):
    """Keeps crawlers out of the admin and endless search results; names the
    sitemap with the site's own address."""
    site = Site.find_for_request(request)
    root = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    lines = [
        "User-agent: *",
        f"Disallow: /{settings.WAGTAIL_ADMIN_PATH}",
        f"Disallow: {reverse('search')}",
        "",
        f"Sitemap: {root}{reverse('sitemap')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
