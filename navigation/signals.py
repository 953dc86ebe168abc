"""Stale-menu protection: page changes that can alter a menu link.

Such a change bumps the content generation (core.generation), which retires the
cached menus. When the page is linked from a site's menu, every page of that
site in the front cache (Varnish) shows the old link text or address, so that
site's pages are dropped from it as well.
"""

from django.db.models.signals import post_delete

from wagtail.models import Page
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)


def page_changed(sender, instance=None, **kwargs):
    if instance is not None and not isinstance(instance, Page):
        return
    from core import frontend_cache
    from navigation.menus import linked_page_ids
    from navigation.models import NavigationSettings

    if instance is None or not frontend_cache.cache_locations():
        return
    for navigation in NavigationSettings.objects.select_related("site"):
        if instance.pk in linked_page_ids([navigation]):
            frontend_cache.ban_site(navigation.site)


def connect():
    signals = {
        "published": page_published,
        "unpublished": page_unpublished,
        "slug-changed": page_slug_changed,
        "moved": post_page_move,
        "deleted": post_delete,
    }
    for name, signal in signals.items():
        signal.connect(page_changed, dispatch_uid=f"navigation-page-{name}")
