"""Rendered parts of pages kept in the cache, and the content generation that
retires them.

A page's own content (title, hero, body blocks, reviewer, related reading) costs
most of a page view's queries and template work, and only changes when the page
is published again or when something it shows changes elsewhere. So it is cached
under the page's live revision and the content generation, a number that any
change able to alter another page's rendering bumps: a page published,
unpublished, moved, renamed or deleted (links, titles, related lists), a page
made private or public, an image or document saved or deleted, a site or site
setting saved (the admissions phone in body text, menus), a category, tag,
person or promoted search result edited. Search answers, menus and the parts every page repeats (head,
header, breadcrumbs, footer) are keyed on the same number, so one bump retires
all of them at once, in every server process.

Never cached: previews and other drafts (a revision that is not the live one),
pages without a published revision, and anything holding a CSRF token (a form).

Each server process also keeps the fragments it used last in memory
(`local_copies`), keyed the same way: a request then costs one cache read, of
the generation, instead of one per fragment.
"""

import contextlib
import pickle
import threading
import time
from collections import OrderedDict

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

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
    "wagtailsearchpromotions.searchpromotion",
}
# Saves of a page that only record a draft or a lock change nothing readers see.
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
CSRF_FIELD = "csrfmiddlewaretoken"


def current_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # Started from the clock, never from zero, so a generation number lost
        # from the cache (evicted, flushed) cannot come back to an old value.
        cache.add(GENERATION_KEY, time.time_ns() // 1000, None)
        generation = cache.get(GENERATION_KEY, 0)
    return generation


def generation_for(request):
    """The content generation, read once per request."""
    if request is None:
        return current_generation()
    if not hasattr(request, "_content_generation"):
        request._content_generation = current_generation()
    return request._content_generation


def bump_generation(*args, **kwargs):
    """Make every cached fragment, search answer and menu stale."""
    current_generation()
    # Lost in between (evicted): the next clock-based start is newer anyway.
    with contextlib.suppress(ValueError):
        cache.incr(GENERATION_KEY)


class LocalCopies:
    """A small in-process store in front of the shared cache.

    Entries are keyed by the content generation, so a bump elsewhere makes
    them unreachable at once; the timeout only bounds memory and how long a
    process without a shared cache (development) keeps what it saw.
    """

    def __init__(self, size=2000, timeout=60):
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
    """What `load()` returns, kept in this process for the current content
    generation: settings, sites and routes every page view reads. Nothing is
    kept when it returns None (an unknown address), so made-up addresses
    cannot crowd out real ones.

    Each caller gets its own copy (unpickled), so nothing one request sets on
    an object reaches the next.
    """
    key = f"remembered:{name}:{generation_for(request)}"
    data = local_copies.get(key)
    if data is not None:
        return pickle.loads(data)  # noqa: S301 - pickled by this process
    value = load()
    if value is not None:
        local_copies.set(key, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
    return value


def is_cacheable(request, page):
    # A preview (of a draft or an old revision) never reads or fills the cache;
    # otherwise the instance served is the page's live content.
    return bool(
        request is not None
        and not getattr(request, "is_preview", False)
        and page.live
        and page.live_revision_id
    )


def fragment_key(request, page, name, path=None):
    site = Site.find_for_request(request)
    key = (
        f"fragments:{name}:{site.pk if site else 0}:{page.pk if page else 0}:"
        f"{page.live_revision_id if page else 0}:{generation_for(request)}"
    )
    return f"{key}:{path}" if path is not None else key


def _look_up(key):
    html = local_copies.get(key)
    if html is None:
        html = cache.get(key)
        if html is not None:
            local_copies.set(key, html)
    return html


def _keep(key, html, timeout=CACHE_TIMEOUT):
    cache.set(key, html, timeout)
    local_copies.set(key, html)


def cached(request, page, name):
    """The cached HTML of `name` for this page view, or None (looked up once)."""
    if not is_cacheable(request, page):
        return None
    memo = request.__dict__.setdefault("_page_fragments", {})
    if name not in memo:
        key = fragment_key(request, page, name)
        memo[name] = (key, _look_up(key))
    return memo[name][1]


def store(request, page, name, html):
    if not is_cacheable(request, page) or CSRF_FIELD in html:
        return
    memo = request.__dict__.setdefault("_page_fragments", {})
    key = memo[name][0] if name in memo else fragment_key(request, page, name)
    _keep(key, html)
    memo[name] = (key, html)


def address_key(request, page, name, *, with_query, fixed_address=False):
    """The key of a part that depends on the page and the address shown (the
    header marks the current menu item; the head holds the canonical link), or
    None when the part must be rendered afresh.

    Only GET views of a live page, or of a view at a `fixed_address` (search),
    are cached, so the keys are as many as the site's addresses: a made-up
    address (a 404) or a form's answer (a POST) is rendered afresh. With
    `with_query`, neither is an address with a query string (a page of a list,
    a search).
    """
    if (
        request is None
        or request.method not in ("GET", "HEAD")
        or (page is None and not fixed_address)
        or (page is not None and not is_cacheable(request, page))
        or (with_query and request.GET)
    ):
        return None
    return fragment_key(request, page, name, path=request.path)


def cached_for_address(key):
    return _look_up(key) if key else None


def store_for_address(key, html, timeout=CACHE_TIMEOUT):
    if key and CSRF_FIELD not in html:
        _keep(key, html, timeout)


def answer_key(request, name):
    """The key of a view's own answer (a page of search results), named by the
    view, for the current content generation."""
    site = Site.find_for_request(request)
    return f"fragments:answer:{site.pk if site else 0}:{generation_for(request)}:{name}"


def content_and_head_cached(request, page):
    """Whether this view of the page takes its content and head from the cache,
    so what only they show (hero renditions, reviewer) need not be fetched."""
    head = address_key(request, page, "head", with_query=True)
    return (
        cached(request, page, "content") is not None
        and cached_for_address(head) is not None
    )


def on_model_changed(sender, instance, **kwargs):
    shown_elsewhere = (
        BaseSiteSetting,
        Site,
        PageViewRestriction,
        get_image_model(),
        get_document_model(),
    )
    if isinstance(instance, BaseSiteSetting) and kwargs.get("created"):
        # Created with its defaults on a first view: pages already showed those.
        return
    if isinstance(instance, Page):
        update_fields = kwargs.get("update_fields")
        if update_fields and set(update_fields) <= DRAFT_ONLY_FIELDS:
            return
        bump_generation()
    elif isinstance(instance, shown_elsewhere) or (
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
