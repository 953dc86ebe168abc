"""The content generation: one number that retires everything kept from content.

Rendered parts of pages (head, header, breadcrumbs, footer, a page's content, a
list, a page of search results), menus, search answers and, in each server
process, the sites, routes and settings a page view reads are all kept under
the current generation. Any change that can alter what a reader sees bumps it,
after the change is committed, so one bump retires all of them at once in every
process:

- a page published, unpublished, moved, renamed or deleted, or a live page
  saved (a draft, or a page that was never published, changes nothing);
- a page made private or public, a site or a shown site setting saved;
- an image, document, tag, search promotion or any snippet saved or deleted.

Snippets and site settings are shown on pages unless their model says
`shown_on_pages = False` (the inquiry settings); see `is_shown_on_pages`.

One timeout policy: whatever is kept under a generation lives KEEP_SECONDS at
most. The timeout only bounds memory; correctness comes from the generation,
which every process reads from the shared cache at the start of each request.

When the shared cache cannot be read (Redis down or dropping packets), nothing
is kept or reused: pages render afresh, and for RETRY_SECONDS no request waits
on the cache again. A bump that could not be written is logged and written when
the cache answers again; so is one by every process that found it unreachable,
since a change made elsewhere meanwhile may have missed its own bump.
"""

import atexit
import functools
import logging
import pickle
import threading
import time
from collections import OrderedDict

from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from taggit.models import Tag
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)
from wagtail.snippets.models import get_snippet_models

from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

GENERATION_KEY = "content:generation"
KEEP_SECONDS = 60 * 60
RETRY_SECONDS = 5
# The cache alias that holds the generation: the shared cache, with its errors
# raised (the default alias ignores them), so an outage is seen and survived.
STORE = "generation"
CACHE_ERRORS = (RedisError, OSError)


class _SharedState:
    """What this process knows about the shared cache's health."""

    def __init__(self):
        self.lock = threading.Lock()
        self.unreachable_until = 0.0
        self.bump_owed = False

    def mark_unreachable(self, *, owe_bump):
        with self.lock:
            if not self.unreachable_until:
                logger.warning(
                    "The shared cache is unreachable: pages render without kept "
                    "parts until it answers again."
                )
            self.unreachable_until = time.monotonic() + RETRY_SECONDS
            self.bump_owed = self.bump_owed or owe_bump

    def may_try(self):
        return time.monotonic() >= self.unreachable_until


state = _SharedState()


def _start_value():
    # Started from the clock, never from zero, so a generation lost from the
    # cache (evicted, flushed, Redis restarted empty) never comes back to an
    # old value that kept parts may still be stored under.
    return time.time_ns() // 1000


def _increment(store):
    try:
        store.incr(GENERATION_KEY)
    except ValueError:
        # The number was lost: a new start from the clock is newer anyway.
        store.add(GENERATION_KEY, _start_value(), None)


def read():
    """The current generation, or None when the shared cache cannot be read."""
    if not state.may_try():
        return None
    store = caches[STORE]
    try:
        if state.bump_owed:
            _increment(store)
        generation = store.get(GENERATION_KEY)
        if generation is None:
            store.add(GENERATION_KEY, _start_value(), None)
            generation = store.get(GENERATION_KEY)
    except CACHE_ERRORS:
        state.mark_unreachable(owe_bump=True)
        return None
    with state.lock:
        if state.unreachable_until or state.bump_owed:
            logger.warning("The shared cache answers again.")
        state.unreachable_until = 0.0
        state.bump_owed = False
    return generation


def for_request(request):
    """The generation for this request, read once, at its start (middleware),
    before anything kept under it is read: a change committed before the read
    is always seen."""
    if request is None:
        return read()
    if not hasattr(request, "content_generation"):
        request.content_generation = read()
    return request.content_generation


def bump_now():
    if not state.may_try():
        state.mark_unreachable(owe_bump=True)
        logger.error("Content changed while the shared cache is unreachable.")
        return
    try:
        _increment(caches[STORE])
    except CACHE_ERRORS:
        state.mark_unreachable(owe_bump=True)
        logger.error(
            "Could not retire kept pages after a change; retried when the "
            "shared cache answers again."
        )


def bump(*args, **kwargs):
    """Retire everything kept, once the current transaction commits: a page
    view between the change and the commit still reads the old content, and
    must not keep it under the new generation."""
    transaction.on_commit(bump_now)


@atexit.register
def _pay_owed_bump():
    # A command (publish_scheduled, an import) that changed content during an
    # outage must not exit with its bump unwritten if the cache is back.
    if state.bump_owed:
        state.unreachable_until = 0.0
        if read() is None:
            logger.error("Exiting with a change the shared cache has not seen.")


class LocalCopies:
    """A small in-process store of what every page view reads (sites, routes,
    settings), keyed by the generation, so a bump elsewhere makes its entries
    unreachable at once; the size and KEEP_SECONDS only bound memory."""

    def __init__(self, size=2000, timeout=KEEP_SECONDS):
        self.size, self.timeout = size, timeout
        self.entries = OrderedDict()
        # Threaded servers (runserver, gunicorn's gthread) share the store.
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None or entry[0] < time.monotonic():
                return None
            self.entries.move_to_end(key)
            return entry[1]

    def set(self, key, value):
        with self.lock:
            self.entries[key] = (time.monotonic() + self.timeout, value)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()


local_copies = LocalCopies()


def remembered(request, name, load):
    """What `load()` returns, kept in this process for the current generation.

    Nothing is kept when it returns None (an unknown address), so made-up
    addresses cannot crowd out real ones, nor when the generation is unknown.
    Each caller gets its own copy (unpickled), so nothing one request sets on
    an object reaches the next.
    """
    generation = for_request(request)
    if generation is None:
        return load()
    key = f"{name}:{generation}"
    data = local_copies.get(key)
    if data is not None:
        return pickle.loads(data)  # noqa: S301 - pickled by this process
    value = load()
    if value is not None:
        local_copies.set(key, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
    return value


def kept(request, key, load):
    """What `load()` returns, kept in the shared cache under `key` for the
    current generation (search answers, menus); loaded afresh without one."""
    generation = for_request(request)
    if generation is None:
        return load()
    key = f"kept:{key}:{generation}"
    cache = caches["default"]
    value = cache.get(key)
    if value is None:
        value = load()
        cache.set(key, value, KEEP_SECONDS)
    return value


# Saves of a live page that only record a draft or a lock change nothing
# readers see.
DRAFT_ONLY_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "has_unpublished_changes",
    "draft_title",
    "locked",
    "locked_at",
    "locked_by",
    "wagtail_admin_comments",
}


def wagtail_models_shown_on_pages():
    """Models of Wagtail and its libraries whose rows pages show."""
    return (
        Site,
        PageViewRestriction,
        get_image_model(),
        get_document_model(),
        Tag,
        SearchPromotion,
    )


@functools.cache
def is_shown_on_pages(model):
    """Whether saving a row of `model` can change what a page shows: the
    Wagtail models above, every snippet and every site setting, unless the
    model says `shown_on_pages = False`."""
    if not getattr(model, "shown_on_pages", True):
        return False
    return (
        issubclass(model, wagtail_models_shown_on_pages())
        or issubclass(model, BaseSiteSetting)
        or model in get_snippet_models()
    )


def on_saved_or_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        update_fields = kwargs.get("update_fields")
        # A page not live (a draft never published, or withdrawn) shows nowhere;
        # publishing and unpublishing send their own signals.
        if not instance.live or (
            update_fields and set(update_fields) <= DRAFT_ONLY_FIELDS
        ):
            return
        bump()
    elif isinstance(instance, BaseSiteSetting) and kwargs.get("created"):
        # Created with its defaults on a first view: pages already showed those.
        return
    elif is_shown_on_pages(sender):
        bump()


def connect():
    for name, signal in {
        "published": page_published,
        "unpublished": page_unpublished,
        "moved": post_page_move,
        "slug-changed": page_slug_changed,
    }.items():
        signal.connect(bump, dispatch_uid=f"core-generation-page-{name}")
    post_save.connect(on_saved_or_deleted, dispatch_uid="core-generation-saved")
    post_delete.connect(on_saved_or_deleted, dispatch_uid="core-generation-deleted")
