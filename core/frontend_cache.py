"""Keep the front cache (Varnish) in step with what editors change.

Wagtail's frontend_cache app purges a page's own URLs when it is published or
unpublished. A page also shows up in listings (its parent index, the home page's
featured list), moves change its address, site settings and menus appear on
every page, and a new redirect's old address may hold a cached "not found" page:
those cases are handled here.
"""

import logging
from urllib.error import URLError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.db.models.signals import post_delete, post_save, pre_delete

from wagtail.contrib.frontend_cache.utils import PurgeBatch, purge_urls_from_cache
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger(__name__)


def cache_locations():
    return [
        backend["LOCATION"]
        for backend in getattr(settings, "WAGTAILFRONTENDCACHE", {}).values()
        if backend.get("BACKEND", "").endswith("HTTPBackend")
    ]


def ban_everything():
    """Drop every cached object, e.g. after the phone number or a menu changed."""
    for location in cache_locations():
        parts = urlsplit(location)
        request = Request(  # noqa: S310 - the location is our own configured cache
            f"{parts.scheme}://{parts.netloc}/",
            method="BAN",
            headers={"X-Ban-Url": "."},
        )
        try:
            urlopen(request, timeout=5)  # noqa: S310
        except (URLError, OSError) as exc:
            logger.error("Could not clear the front cache at %s: %s", parts.netloc, exc)


def purge_listings(page):
    """Purge the pages that list `page`: its ancestors below the root (indexes, home)."""
    if not cache_locations():
        return
    batch = PurgeBatch()
    batch.add_pages(page.get_ancestors().filter(depth__gt=1).specific())
    batch.purge()


def on_page_changed(sender, instance, **kwargs):
    purge_listings(instance)


def on_page_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    if not cache_locations() or url_path_before == url_path_after:
        return
    # The old address may still be cached: clear everything under it.
    ban_everything()


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live and cache_locations():
        batch = PurgeBatch()
        batch.add_page(instance)
        batch.purge()
        purge_listings(instance)


def on_setting_saved(sender, instance, **kwargs):
    if isinstance(instance, BaseSiteSetting) and cache_locations():
        ban_everything()


def on_redirect_changed(sender, instance, **kwargs):
    """Purge a redirect's old address, where a "not found" page may be cached.

    The admin's add, edit and delete views purge it themselves; a bulk import
    and any other save do not.
    """
    if not cache_locations():
        return
    urls = set()
    for link in instance.old_links():
        urls.add(link)
        # Redirects are stored without a trailing slash; visitors ask with one.
        if "?" not in link and not link.endswith("/"):
            urls.add(link + "/")
    purge_urls_from_cache(urls)


def connect():
    page_published.connect(on_page_changed, dispatch_uid="core-frontcache-published")
    page_unpublished.connect(
        on_page_changed, dispatch_uid="core-frontcache-unpublished"
    )
    post_page_move.connect(on_page_moved, dispatch_uid="core-frontcache-moved")
    pre_delete.connect(on_page_deleted, dispatch_uid="core-frontcache-deleted")
    post_save.connect(on_setting_saved, dispatch_uid="core-frontcache-settings")
    post_save.connect(
        on_redirect_changed, sender=Redirect, dispatch_uid="core-frontcache-redirect"
    )
    post_delete.connect(
        on_redirect_changed,
        sender=Redirect,
        dispatch_uid="core-frontcache-redirect-deleted",
    )
