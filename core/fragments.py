"""Rendered page content kept in the cache, tied to the page's published revision.

A page's own content (title, hero, body blocks, reviewer, related reading) costs
most of a page view's queries and template work, and only changes when the page
is published again or when something it shows changes elsewhere. So it is cached
under the page's live revision and a content generation number, which any change
that can alter another page's rendering bumps: a page published, unpublished,
moved, renamed or deleted (links, titles, related lists), an image or document
saved or deleted, a site setting saved (the admissions phone in body text), a
category, tag or person edited. The site header, menus, breadcrumbs and meta
tags around it are still rendered on every request.

Never cached: previews and other drafts (a revision that is not the live one),
pages without a published revision, and anything holding a CSRF token (a form).
"""

import contextlib
import time

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

GENERATION_KEY = "fragments:generation"
# A process with its own local-memory cache misses other processes' bumps; this
# bounds how long it can show an outdated link title. Redis (production) is shared.
CACHE_TIMEOUT = 60 * 60
# Shown content edited outside pages; their saves bump the generation.
CONTENT_MODELS = {
    "articles.articlecategory",
    "taggit.tag",
    "people.person",
    "services.levelofcare",
}
CSRF_FIELD = "csrfmiddlewaretoken"


def current_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # Started from the clock, never from zero, so a generation number lost
        # from the cache (evicted, flushed) cannot come back to an old value.
        cache.add(GENERATION_KEY, time.time_ns() // 1000, None)
        generation = cache.get(GENERATION_KEY, 0)
    return generation


def bump_generation(*args, **kwargs):
    """Make every cached fragment stale."""
    current_generation()
    # Lost in between (evicted): the next clock-based start is newer anyway.
    with contextlib.suppress(ValueError):
        cache.incr(GENERATION_KEY)


def is_cacheable(request, page):
    # A preview (of a draft or an old revision) never reads or fills the cache;
    # otherwise the instance served is the page's live content.
    return bool(
        request is not None
        and not getattr(request, "is_preview", False)
        and page.live
        and page.live_revision_id
    )


def fragment_key(request, page, name):
    site = Site.find_for_request(request)
    generation = current_generation()
    return (
        f"fragments:{name}:{site.pk if site else 0}:{page.pk}:"
        f"{page.live_revision_id}:{generation}"
    )


def cached(request, page, name):
    """The cached HTML of `name` for this page view, or None (looked up once)."""
    if not is_cacheable(request, page):
        return None
    memo = request.__dict__.setdefault("_page_fragments", {})
    if name not in memo:
        key = fragment_key(request, page, name)
        memo[name] = (key, cache.get(key))
    return memo[name][1]


def store(request, page, name, html):
    if not is_cacheable(request, page) or CSRF_FIELD in html:
        return
    memo = request.__dict__.setdefault("_page_fragments", {})
    key = memo[name][0] if name in memo else fragment_key(request, page, name)
    cache.set(key, html, CACHE_TIMEOUT)
    memo[name] = (key, html)


def on_model_changed(sender, instance, **kwargs):
    shown_elsewhere = (Page, BaseSiteSetting, get_image_model(), get_document_model())
    if isinstance(instance, shown_elsewhere) or (
        sender._meta.label_lower in CONTENT_MODELS
    ):
        bump_generation()


def connect():
    for name, signal in {
        "published": page_published,
        "unpublished": page_unpublished,
        "moved": post_page_move,
        "slug-changed": page_slug_changed,
    }.items():
        signal.connect(bump_generation, dispatch_uid=f"core-fragments-page-{name}")
    post_save.connect(on_model_changed, dispatch_uid="core-fragments-saved")
    post_delete.connect(on_model_changed, dispatch_uid="core-fragments-deleted")
