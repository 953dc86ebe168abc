"""Which cache the templates' `{% wagtailcache %}` / `{% wagtailpagecache %}`
tags keep rendered parts in, for one response.

Templates name it with `using=parts.cache` and vary on `parts.generation`:

    {% wagtailpagecache parts.seconds "content" parts.generation using=parts.cache %}

Parts are kept (in the shared cache, under the content generation) only for
a GET of a live page Wagtail serves (the `before_serve_page` hook below) or of
a view that says its address is one of the site's own (search). Everything
else (a made-up address's 404, a form's answer, an error page, a preview, a
moment the shared cache is unreachable) renders them afresh through a dummy
cache, so nothing is read or written for it. The head also depends on the
query string (a list's `?page=2` is its own canonical address), so it is kept
only for an address without one (`parts.head_cache`).

Never wrap a `{% csrf_token %}` in these tags: a form's token belongs to one
visitor. The inquiry form block fetches its token when the page loads.
"""

from dataclasses import dataclass

from wagtail.models import Site

from core import generation

RENDER_AFRESH = "render_afresh"
KEPT = "default"


@dataclass(frozen=True)
class KeptParts:
    cache: str
    head_cache: str
    generation: int | None
    site: int | None
    seconds: int = generation.KEEP_SECONDS


def for_request(request, *, keep):
    current = generation.for_request(request)
    keep = keep and current is not None and request.method in ("GET", "HEAD")
    site = Site.find_for_request(request) if keep else None
    cache = KEPT if keep and site is not None else RENDER_AFRESH
    return KeptParts(
        cache=cache,
        head_cache=RENDER_AFRESH if request.GET else cache,
        generation=current,
        site=site.pk if site is not None else None,
    )


def mark_keepable(request):
    """This response shows one of the site's own addresses: its parts may be kept."""
    request.shows_site_address = True


def context_processor(request):
    return {
        "parts": for_request(
            request, keep=getattr(request, "shows_site_address", False)
        )
    }
