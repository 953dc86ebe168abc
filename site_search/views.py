import hashlib

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Site
from wagtail.search.utils import normalise_query_string

from core import kept_parts
from seo.pages import page_description
from site_search.query import clean_query, highlight, query_terms, search_words
from site_search.results import found_page_ids, searchable_pages

RESULTS_PER_PAGE = 10
POPULAR_PAGES_SHOWN = 6
# How each type is named in a result; others show their verbose name.
TYPE_LABELS = {
    "articles.ArticlePage": _("Article"),
    "services.ServicePage": _("Treatment program"),
    "locations.LocationPage": _("Location"),
    "standard_pages.StandardPage": _("Page"),
}


def pages_in_order(pages, page_ids):
    """The pages with these ids, as their own types, in that order.

    Only pages still live and public: a cached list of ids never shows a page
    withdrawn since.
    """
    if not page_ids:
        return []
    found = pages.filter(pk__in=page_ids).specific()
    pages = {page.pk: page for page in found.defer_streamfields()}
    return [pages[page_id] for page_id in page_ids if page_id in pages]


def type_label(page):
    label = page._meta.label
    return TYPE_LABELS.get(label) or page._meta.verbose_name.capitalize()


def promoted_results(query):
    """Editors' picks for this exact query (Settings → Promoted search results).

    Looked up without Query.get(), which would create a row for every query a
    visitor or a bot ever typed.
    """
    return list(
        SearchPromotion.objects.filter(
            query__query_string=normalise_query_string(query)
        )
        .select_related("page")
        .order_by("sort_order")
    )


def popular_pages(site):
    """The main sections of the site, offered when a search finds nothing."""
    root = site.root_page.localized
    return list(
        root.get_children()
        .live()
        .public()
        .in_menu()
        .only("id", "title", "url_path", "path", "depth")[:POPULAR_PAGES_SHOWN]
    )


def still_shown(pages, page_ids):
    """Those of `page_ids` that are still live and public, in the same order."""
    shown = set(pages.filter(pk__in=page_ids).values_list("pk", flat=True))
    return [page_id for page_id in page_ids if page_id in shown]


def search_answer_key(query, page_number, page_ids):
    """What one page of results for `query` showing `page_ids` is kept under."""
    answer = f"{get_language()}\n{query}\n{page_number}\n{page_ids}"
    return hashlib.sha256(answer.encode()).hexdigest()


def result_items(pages, page_ids, words):
    terms = query_terms(words)
    return [
        {
            "page": page,
            "type": type_label(page),
            "title": highlight(page.title, terms),
            "summary": highlight(page_description(page), terms),
        }
        for page in pages_in_order(pages, page_ids)
    ]


def shown_promotions(query):
    return [
        promotion
        for promotion in promoted_results(query)
        if promotion.page is None or promotion.page.live
    ]


# Kept out of the front cache: results must change as soon as a page is published
# or withdrawn, which a purge cannot do for every query string, and a cache full
# of bots' one-off queries would push out the pages people read.
@never_cache
def search(request):
    """Full-text search over the site's articles, programs, locations and pages."""
    query = clean_query(request.GET.get("q", ""))
    site = Site.find_for_request(request)
    # The header, breadcrumbs and footer are the same for every search.
    kept_parts.mark_keepable(request)
    context = {"search_query": query, "results": None, "promotions": []}
    if query and site is not None:
        words = search_words(query)
        # Any of the words: pages with them in the title first, then pages
        # with more of them. A query of only punctuation or emoji finds nothing.
        pages = searchable_pages(site)
        page_ids, context["more_results"] = found_page_ids(request, site, pages, words)
        # get_page turns a malformed or too large page number into a real page.
        results = Paginator(page_ids, RESULTS_PER_PAGE)
        results_page = results.get_page(request.GET.get("page"))
        context["results"] = results_page
        # Checked on every view, so a kept answer never shows a page withdrawn
        # by a change no signal saw (a bulk update).
        shown_ids = still_shown(pages, results_page.object_list)
        context["answer_key"] = search_answer_key(query, results_page.number, shown_ids)
        # Read only when this page of results is rendered, not when it is kept.
        promotions = SimpleLazyObject(lambda: shown_promotions(query))
        context["promotions"] = promotions
        context["result_items"] = SimpleLazyObject(
            lambda: result_items(pages, shown_ids, words)
        )
        context["popular_pages"] = SimpleLazyObject(
            lambda: [] if results.count or promotions else popular_pages(site)
        )
    return TemplateResponse(request, "site_search/search_results.html", context)
