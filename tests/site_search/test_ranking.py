"""What a search finds first, and that it finds what is published, never a draft.

On PostgreSQL the answer comes from each page's stored search vectors
(site_search/vectors.py); these scenarios hold on both engines, and the last
ones check that the vectors follow every change.
"""

from django.core.cache import cache
from django.db import connection
from django.urls import reverse

import pytest

from site_search import vectors
from site_search.models import PageSearchVectors
from tests.site_search.conftest import make_article, shown_results

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def titles_found(client, query):
    cache.clear()  # each search ranked afresh, not a kept answer
    return shown_results(client.get(reverse("search"), {"q": query}))[1]


def test_a_summary_match_ranks_above_a_newer_page_that_only_mentions_it(
    client, center, article_index
):
    if connection.vendor != "postgresql":
        pytest.skip("Weighted ranking is PostgreSQL's (CI runs it)")
    make_article(
        article_index,
        "Choosing a program",
        summary="How buprenorphine treatment eases opioid withdrawal.",
    )
    make_article(
        article_index,
        "A day in residential care",
        text="Buprenorphine, buprenorphine and more buprenorphine. " * 20,
    )
    assert titles_found(client, "buprenorphine") == [
        "Choosing a program",
        "A day in residential care",
    ]


def test_a_draft_is_never_found_and_its_words_are_once_published(
    client, center, article_index, committed
):
    article = make_article(article_index, "Family support groups")
    with committed():
        article.title = "Naltrexone and family support"
        article.summary = "What naltrexone does."
        article.save_revision()  # a draft: the live page is unchanged
    assert titles_found(client, "naltrexone") == []
    assert titles_found(client, "family") == ["Family support groups"]
    with committed():
        article.get_latest_revision().publish()
    assert titles_found(client, "naltrexone") == ["Naltrexone and family support"]


def test_a_renamed_page_is_found_by_its_new_title_only(
    client, center, article_index, committed
):
    article = make_article(article_index, "Sleep in early recovery")
    with committed():
        article.title = "Rest after detox"
        article.save_revision().publish()
    assert titles_found(client, "sleep") == []
    assert titles_found(client, "rest") == ["Rest after detox"]


def test_pages_loaded_without_their_vectors_are_found_after_migrate(
    client, center, article_index
):
    if connection.vendor != "postgresql":
        pytest.skip("The vectors rank on PostgreSQL only (CI runs it)")
    article = make_article(article_index, "Trauma-informed care")
    PageSearchVectors.objects.filter(page_id=article.pk).delete()
    assert titles_found(client, "trauma") == []
    vectors.fill_missing()
    assert titles_found(client, "trauma") == ["Trauma-informed care"]


def test_every_published_searchable_page_has_vectors(center, article_index, home_page):
    if connection.vendor != "postgresql":
        pytest.skip("The vectors rank on PostgreSQL only (CI runs it)")
    article = make_article(article_index, "Holistic therapies")
    assert PageSearchVectors.objects.filter(page_id=article.pk).exists()
    article.delete()
    assert not PageSearchVectors.objects.filter(page_id=article.pk).exists()


def test_the_heading_holds_the_title_above_the_summary_and_the_body_the_rest(
    center, article_index
):
    """site_search/vectors.py builds both with modelsearch's ObjectIndexer (not
    documented API): if an upgrade changes it, this fails."""
    if connection.vendor != "postgresql":
        pytest.skip("The vectors rank on PostgreSQL only (CI runs it)")
    article = make_article(
        article_index,
        "Detox",
        summary="Supervised withdrawal.",
        text="Counselling follows.",
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT heading::text, body::text FROM site_search_pagesearchvectors "
            "WHERE page_id = %s",
            [article.pk],
        )
        heading, body = cursor.fetchone()
    assert "'detox':1A" in heading
    assert "'supervis':2B" in heading and "'withdraw':3B" in heading
    assert "counsel" not in heading
    assert "counsel" in body and "detox" not in body
