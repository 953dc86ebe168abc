"""Keep the front cache (Varnish) in step with what editors change.

Varnish (deploy/varnish/default.vcl) keeps each site's pages by host and
address. Told with the site's Host, it drops an address with every query
string (PURGE: every ?page=N of a list, campaign-tagged copies) or an address
and everything under it (BAN: a section, or "/" for the whole site).

What a change drops:

- A page published, unpublished, moved, renamed or deleted: its address and
  everything under it (the pages below show its title in their breadcrumbs; a
  site's home page shows there as "Home", so only its own address), its old
  address after a move or rename, each ancestor with its `get_cached_paths()`
  (indexes list their children, with category, tag and feed addresses; the
  home page) and what the page's model names as showing it:
  `sections_showing_it()` (sections, e.g. every article with an automatic
  related list) and `pages_showing_it()` (single pages).
- A page made private or public again: as when it is unpublished or published.
- A page linked from a site's menus: that site (navigation.signals).
- A setting shown on pages: its site (every site for a generic setting). A
  setting model no page shows says so with `shown_on_pages = False` (the
  inquiry settings): saving it leaves the front cache alone.
- A redirect: its old address, where a "not found" page may be cached.

All of it is sent once the change's transaction has committed: sent earlier, a
visitor's request in between would cache the page again as the database still
showed it. (Wagtail's frontend_cache app also purges a published page's own
addresses, at once.) A front cache that cannot be reached is logged; the
editor's change stands.
"""

import logging
import threading
from urllib.error import URLError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete

from wagtail.contrib.frontend_cache.utils import PurgeBatch, purge_urls_from_cache
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    pre_page_move,
)

logger = logging.getLogger(__name__)


def cache_locations():
    return [
        backend["LOCATION"]
        for backend in getattr(settings, "WAGTAILFRONTENDCACHE", {}).values()
        if backend.get("BACKEND", "").endswith("HTTPBackend")
    ]


class Pending(threading.local):
    """What this thread's changes still have to drop, each address once however
    many pages a change touches (a section unpublished or deleted page by page).
    What a rolled-back change queued goes out with the next commit: dropping
    too much only costs a fresh render."""

    def __init__(self):
        self.sections = set()
        self.urls = set()


pending = Pending()


def forget_pending():
    """For tests: a test's transaction rolls back, never sending what it queued."""
    pending.sections.clear()
    pending.urls.clear()


def send_after_commit():
    # One callback per change, so a rolled-back savepoint (which discards its
    # own callbacks) cannot hold back a later change; the first callback to
    # run sends everything and leaves the others nothing to do.
    transaction.on_commit(send_pending, robust=True)


def send_pending():
    sections, urls = pending.sections, pending.urls
    pending.sections, pending.urls = set(), set()
    for section in sections:
        ban(section)
    purge_urls_from_cache(urls)


def ban(url):
    """Drop the address `url` and everything under it on its site."""
    parts = urlsplit(url)
    for location in cache_locations():
        cache = urlsplit(location)
        request = Request(  # noqa: S310 - the location is our own configured cache
            f"{cache.scheme}://{cache.netloc}{parts.path or '/'}",
            method="BAN",
            headers={"Host": parts.netloc},
        )
        try:
            with urlopen(request, timeout=5):  # noqa: S310
                pass
        except (URLError, OSError) as exc:
            logger.error(
                "Could not clear %s from the front cache at %s: %s",
                url,
                cache.netloc,
                exc,
            )


def ban_site(site):
    """Drop every page of `site`, e.g. after its phone number or menu changed."""
    if cache_locations():
        pending.sections.add(site.root_url + "/")
        send_after_commit()


def queue_page(page, *, listed=True):
    """Queue what shows `page` where it is now (see the module's docstring).

    `listed`: whether other pages list it, or did until now (not for a page
    that is not live and was not just unpublished).
    """
    if not cache_locations():
        return
    page = page.specific_deferred
    batch = PurgeBatch()
    url = page.get_full_url(batch)
    if url is None:  # under no site
        return
    sections = []
    if urlsplit(url).path == "/":
        batch.add_page(page)
    else:
        sections.append(page)
    if listed:
        sections += getattr(page, "sections_showing_it", list)()
        # Their own tree paths: whatever lies under a section is banned with it,
        # so an index's many category and tag addresses need no purge each.
        within = tuple(section.path for section in sections)
        for shown_on in [
            *page.get_ancestors().filter(depth__gt=1),
            *getattr(page, "pages_showing_it", list)(),
        ]:
            if not shown_on.path.startswith(within):
                batch.add_page(shown_on)
    for section in sections:
        section_url = section.get_full_url(batch)
        if section_url:
            pending.sections.add(section_url)
    pending.urls.update(batch.urls)


def on_page_published_or_unpublished(sender, instance, **kwargs):
    queue_page(instance)
    send_after_commit()


def on_page_moving(sender, instance, **kwargs):
    # Where it was, read before the move; sent with the move's own signal once
    # the move has committed, or a visitor could cache the old address again.
    queue_page(instance, listed=instance.live)


def on_page_moved(sender, instance, **kwargs):
    queue_page(instance, listed=instance.live)
    send_after_commit()


def on_page_slug_changed(sender, instance, instance_before, **kwargs):
    # The old address; the page's publishing clears the new one and its lists.
    queue_page(instance_before, listed=False)
    send_after_commit()


def on_page_deleted(sender, instance, **kwargs):
    # Sent for the Page row and for the specific page's row: one is enough.
    if isinstance(instance, Page) and type(instance) is instance.specific_class:
        queue_page(instance, listed=instance.live)
        send_after_commit()


def on_privacy_changed(sender, instance, **kwargs):
    # A page made private must stop being served to anyone from the cache (and
    # leave the lists visitors see); made public again, it joins them.
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:  # not when deleted along with its page
        queue_page(page)
        send_after_commit()


def on_setting_saved(sender, instance, created=False, **kwargs):
    """Drop the pages of the sites a setting appears on.

    Settings are shown on pages unless their model says `shown_on_pages =
    False`. A setting just created holds its defaults, which pages showed
    already (a page view creates it when missing).
    """
    if not isinstance(instance, (BaseSiteSetting, BaseGenericSetting)):
        return
    if created or not getattr(sender, "shown_on_pages", True):
        return
    if isinstance(instance, BaseSiteSetting):
        ban_site(instance.site)
    else:
        for site in Site.objects.all():
            ban_site(site)


def on_redirect_changed(sender, instance, **kwargs):
    """Purge a redirect's old address, where a "not found" page may be cached.

    The admin's add, edit and delete views purge it themselves; a bulk import
    and any other save do not.
    """
    if not cache_locations():
        return
    for link in instance.old_links():
        pending.urls.add(link)
        # Redirects are stored without a trailing slash; visitors ask with one.
        if "?" not in link and not link.endswith("/"):
            pending.urls.add(link + "/")
    send_after_commit()


def connect():
    page_published.connect(
        on_page_published_or_unpublished, dispatch_uid="core-frontcache-published"
    )
    page_unpublished.connect(
        on_page_published_or_unpublished, dispatch_uid="core-frontcache-unpublished"
    )
    pre_page_move.connect(on_page_moving, dispatch_uid="core-frontcache-moving")
    post_page_move.connect(on_page_moved, dispatch_uid="core-frontcache-moved")
    page_slug_changed.connect(
        on_page_slug_changed, dispatch_uid="core-frontcache-slug-changed"
    )
    pre_delete.connect(on_page_deleted, dispatch_uid="core-frontcache-deleted")
    post_save.connect(
        on_privacy_changed,
        sender=PageViewRestriction,
        dispatch_uid="core-frontcache-private",
    )
    post_delete.connect(
        on_privacy_changed,
        sender=PageViewRestriction,
        dispatch_uid="core-frontcache-public",
    )
    post_save.connect(on_setting_saved, dispatch_uid="core-frontcache-settings")
    post_save.connect(
        on_redirect_changed, sender=Redirect, dispatch_uid="core-frontcache-redirect"
    )
    post_delete.connect(
        on_redirect_changed,
        sender=Redirect,
        dispatch_uid="core-frontcache-redirect-deleted",
    )
