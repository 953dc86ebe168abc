"""Which pages a search finds, best first, and how long that answer is kept.

Wagtail's database search filters on `title || body` of every index entry
(no index serves that expression) and ranks every match before keeping ten:
with 10,000 articles mentioning "depression" that took most of a second. On
PostgreSQL the matches here come from the GIN indexes of each page's stored,
weighted vectors (site_search/models.py): heading matches ranked on the small
heading vector, then at most MAX_RESULTS of the newest body matches ranked. The ranked ids are
kept in the cache under the content generation (core.generation), which a page
published, withdrawn, moved, deleted or restricted retires, so paging through
results and popular searches cost no ranking.
"""

import hashlib
import operator
from functools import reduce

from django.apps import apps
from django.db import connection
from django.db.models import F
from django.utils.translation import get_language

from wagtail.models import Page, Site

from core import generation, languages
from site_search.models import PageSearchVectors
from site_search.vectors import search_config_for

# Results beyond these are never shown: nobody reads page 21 of a site search,
# and ranking every page that mentions a common word costs a second.
MAX_RESULTS = 200
# The page types visitors look for. Index pages and the home page only list
# these, so finding them in results would be noise.
SEARCHABLE_PAGE_TYPES = (
    "articles.ArticlePage",
    "services.ServicePage",
    "locations.LocationPage",
    "standard_pages.StandardPage",
)


def searchable_models():
    models = []
    for label in SEARCHABLE_PAGE_TYPES:
        try:
            models.append(apps.get_model(label))
        except LookupError:
            continue  # an app that is not installed on this site
    return models


def site_tree_in_visitors_language(site):
    """The site's pages in the visitor's language: in English its tree; in
    another language the tree of its home page's translation (which roots a
    tree of its own), or none while it has none."""
    if languages.is_default_language():
        return Page.objects.in_site(site)
    roots = [
        root.root_path
        for root in Site.get_site_root_paths()
        if root.site_id == site.pk and root.language_code == get_language()
    ]
    locale_id = languages.active_locale_id()
    root = Page.objects.filter(url_path__in=roots[:1], locale_id=locale_id).first()
    if root is None:
        return Page.objects.none()
    return Page.objects.descendant_of(root, inclusive=True).filter(locale_id=locale_id)


def searchable_pages(site):
    """The pages a visitor may find: live, public, on this site, in their
    language, of those types."""
    return (
        site_tree_in_visitors_language(site).live().public().type(*searchable_models())
    )


def found_page_ids(request, site, pages, words):
    """Ids of the site's searchable `pages` matching any of `words`, best first,
    at most MAX_RESULTS, and whether more pages matched; kept for the content
    generation (core.generation).
    """
    if not words:
        return [], False

    def rank():
        if connection.vendor == "postgresql":
            return ranked_on_postgresql(pages, words)
        return ranked_by_wagtail(pages, words)

    words_digest = hashlib.sha256(" ".join(words).lower().encode()).hexdigest()
    page_ids = generation.kept(
        request, f"site-search:{site.pk}:{get_language()}:{words_digest}", rank
    )
    # One id more than is shown says that there are more.
    return page_ids[:MAX_RESULTS], len(page_ids) > MAX_RESULTS


def ranked_by_wagtail(pages, words):
    found = pages.search(" ".join(words), operator="or")[: MAX_RESULTS + 1]
    return [page.pk for page in found]


def ranked_on_postgresql(pages, words):
    """Pages matching in their heading (title, summary) first, ranked on the
    heading alone; then the newest pages matching only in the body, at most
    MAX_RESULTS of them, ranked on the body. Each step asks a GIN index of
    PageSearchVectors, so no body is read but those of the few ranked.
    """
    from django.contrib.postgres.search import SearchQuery, SearchRank

    from wagtail.search.backends.database.postgres.query import Lexeme

    # The words quoted as lexemes, as Wagtail's backend writes a plain query,
    # so both stem them with the same text search configuration.
    query = SearchQuery(
        reduce(operator.or_, (Lexeme(word) for word in words)),
        search_type="raw",
        # Stemmed as the pages searched were (site_search.vectors).
        config=search_config_for(get_language()),
    )
    vectors = PageSearchVectors.objects.filter(page__in=pages.values("pk"))
    limit = MAX_RESULTS + 1
    page_ids = list(
        vectors.filter(heading=query)
        .annotate(rank=SearchRank(F("heading"), query))
        .order_by("-rank", "-page_id")
        .values_list("page_id", flat=True)[:limit]
    )
    if len(page_ids) < limit:
        newest = (
            vectors.filter(body=query)
            .exclude(heading=query)
            .order_by("-page_id")
            .values_list("page_id", flat=True)[: limit - len(page_ids)]
        )
        page_ids += (
            PageSearchVectors.objects.filter(page_id__in=list(newest))
            .annotate(rank=SearchRank(F("body"), query))
            .order_by("-rank", "-page_id")
            .values_list("page_id", flat=True)
        )
    return page_ids
