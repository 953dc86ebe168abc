"""Stale-menu protection: page changes that can alter a menu link bump the cache."""

from django.db.models.signals import post_delete

from wagtail.models import Page
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)


def page_changed(sender, instance=None, **kwargs):
    from navigation.menus import bump_generation

    if instance is None or isinstance(instance, Page):
        bump_generation()


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
