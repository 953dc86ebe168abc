"""Which pages a search finds, best first, and how long that answer is kept.

Wagtail's database search filters on `title || body` of every index entry
(no index serves that expression) and ranks every match before keeping ten:
with 10,000 articles mentioning "depression" that took most of a second. On
PostgreSQL the matches here come from the GIN indexes on the title and the
body, and only the best MAX_RESULTS candidates are ranked. The ranked ids are
kept in the cache under the content generation (core.generation), which a page
published, withdrawn, moved, deleted or restricted retires, so paging through
results and popular searches cost no ranking.
"""

import hashlib
import operator
from functools import reduce

from django.apps import apps
from django.db import connection, transaction
from django.db.models import BooleanField, CharField, ExpressionWrapper, F, Q
from django.db.models.functions import Cast

from wagtail.models import Page

from core import generation

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


def searchable_pages(site):
    """The pages a visitor may find: live, public, on this site, of those types."""
    return Page.objects.live().public().in_site(site).type(*searchable_models())


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
    page_ids = generation.kept(request, f"site-search:{site.pk}:{words_digest}", rank)
    # One id more than is shown says that there are more.
    return page_ids[:MAX_RESULTS], len(page_ids) > MAX_RESULTS


def ranked_by_wagtail(pages, words):
    found = pages.search(" ".join(words), operator="or")[: MAX_RESULTS + 1]
    return [page.pk for page in found]


def ranked_on_postgresql(pages, words):
    """The same ranking as Wagtail's PostgreSQL backend, over fewer rows.

    Title matches come first, then the newest pages matching in the body;
    only those candidates are ranked (title weight and length as Wagtail
    does, plus the body).
    """
    from django.contrib.postgres.search import SearchQuery, SearchRank

    from wagtail.search.backends.database.postgres.query import Lexeme
    from wagtail.search.backends.database.postgres.weights import get_sql_weights
    from wagtail.search.models import IndexEntry

    # The words quoted as lexemes, as Wagtail's backend writes a plain query,
    # so both stem them with the same text search configuration.
    query = SearchQuery(
        reduce(operator.or_, (Lexeme(word) for word in words)), search_type="raw"
    )
    # Each condition alone can use its GIN index; `title || body` could not.
    entries = IndexEntry.objects.values("object_id")
    in_title = Q(id_text__in=entries.filter(title=query))
    candidates = (
        pages.annotate(id_text=Cast("pk", CharField(max_length=50)))
        .filter(id_text__in=entries.filter(Q(title=query) | Q(body=query)))
        .annotate(in_title=ExpressionWrapper(in_title, output_field=BooleanField()))
        .order_by("-in_title", "-pk")
        .values_list("pk", flat=True)[: MAX_RESULTS + 1]
    )
    # Ids of other indexed things (images, documents) can equal a page's, so
    # the page's own entry decides: ranked, it scores 0 if it does not match.
    weights = get_sql_weights()
    ranked = (
        Page.objects.filter(pk__in=candidates)
        .annotate(
            in_title=ExpressionWrapper(
                Q(index_entries__title=query), output_field=BooleanField()
            ),
            rank=SearchRank(F("index_entries__title"), query, weights=weights)
            * F("index_entries__title_norm")
            + SearchRank(F("index_entries__body"), query, weights=weights),
        )
        .order_by("-in_title", "-rank", "-pk")
        .values_list("pk", "rank")
    )
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        # The planner does not count the work of reading a page's text from
        # the index (stored compressed, out of line): for a common word it
        # would read every entry's text rather than ask the GIN indexes, which
        # answer without reading any. Only for this query, restored after.
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), "
            "current_setting('enable_indexscan'), "
            "set_config('enable_seqscan', 'off', true), "
            "set_config('enable_indexscan', 'off', true)"
        )
        seqscan, indexscan, *_ = cursor.fetchone()
        page_ids = [page_id for page_id, rank in ranked if rank > 0]
        cursor.execute(
            "SELECT set_config('enable_seqscan', %s, true), "
            "set_config('enable_indexscan', %s, true)",
            [seqscan, indexscan],
        )
    return page_ids
