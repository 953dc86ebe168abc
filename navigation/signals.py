"""Stale-menu protection: page changes that can alter a menu link.

Such a change bumps the content generation (core.fragments), which retires the
cached menus. When the page is linked from a menu, every cached page in the
front cache (Varnish) shows the old link text or address, so the front cache is
cleared as well.
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

    if (
        instance is not None
        and frontend_cache.cache_locations()
        and instance.pk in linked_page_ids()
    ):
        frontend_cache.ban_everything()


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
