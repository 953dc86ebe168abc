"""Kept answers stay true to what is published, and long answers are cut short."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

import pytest

from articles.models import ArticlePage
from site_search import results
from tests.site_search.conftest import make_article, shown_results

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def search(client, query, **params):
    return client.get(reverse("search"), {"q": query, **params})


def found(response):
    return shown_results(response)


def test_a_repeated_search_is_answered_without_searching_again(
    client, center, seed_article
):
    search(client, "heroin")
    with CaptureQueriesContext(connection) as second:
        response = search(client, "Heroin", page=1)

    assert found(response) == (1, [seed_article.title])
    assert not [query for query in second if "wagtailsearch_indexentry" in query["sql"]]


def test_a_page_published_after_a_search_is_found_next_time(
    client, center, article_index, seed_article, committed
):
    assert found(search(client, "naloxone")) == (0, [])

    with committed():
        make_article(article_index, "Naloxone saves lives")

    assert found(search(client, "naloxone")) == (1, ["Naloxone saves lives"])


def test_a_withdrawn_page_is_not_found_after_it_was_cached(
    client, center, article_index, committed
):
    article = make_article(article_index, "Naloxone saves lives")
    assert found(search(client, "naloxone")) == (1, ["Naloxone saves lives"])

    with committed():
        article.unpublish()

    assert found(search(client, "naloxone")) == (0, [])


def test_a_page_made_private_or_deleted_is_not_found_after_it_was_cached(
    client, center, article_index, committed
):
    private = make_article(article_index, "Naloxone for staff")
    deleted = make_article(article_index, "Naloxone in the car")
    assert found(search(client, "naloxone"))[0] == 2

    with committed():
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.LOGIN
        )
        deleted.delete()

    assert found(search(client, "naloxone")) == (0, [])


def test_a_cached_answer_never_shows_a_page_withdrawn_behind_its_back(
    client, center, article_index
):
    # A change the signals do not see (a bulk update) still hides the page:
    # every shown result is checked against what is live now.
    article = make_article(article_index, "Naloxone saves lives")
    search(client, "naloxone")

    type(article).objects.filter(pk=article.pk).update(live=False)

    assert found(search(client, "naloxone"))[1] == []


def test_long_answers_are_cut_at_the_most_results_shown(
    client, center, article_index, monkeypatch
):
    monkeypatch.setattr(results, "MAX_RESULTS", 3)
    in_title = make_article(article_index, "Grief and loss")
    for number in range(4):
        make_article(
            article_index, f"Coping in recovery {number}", text="Grief comes in waves."
        )

    response = search(client, "grief")

    count, titles = found(response)
    assert count == 3
    # The title match is kept first however many pages mention the word.
    assert titles[0] == in_title.title
    assert "More than 3 results for “grief”" in response.content.decode()


def test_a_short_answer_says_how_many_pages_matched(client, center, seed_article):
    html = search(client, "heroin").content.decode()

    assert "1 result for “heroin”" in html
    assert "More than" not in html


def test_a_repeated_search_shows_its_kept_answer_after_one_check(
    client, center, seed_article, django_assert_max_num_queries
):
    search(client, "heroin")
    # Only the check that the results shown are still live and public.
    with django_assert_max_num_queries(2):
        response = search(client, "heroin")
    assert found(response) == (1, [seed_article.title])


def test_a_result_promoted_after_a_search_shows_next_time(
    client, center, article_index, seed_article, committed
):
    make_article(article_index, "Paying for treatment")
    assert "Recommended" not in search(client, "heroin").content.decode()
    with committed():
        SearchPromotion.objects.create(
            query=Query.get("heroin"),
            page=ArticlePage.objects.get(title="Paying for treatment"),
            description="Which plans we take.",
        )
    assert "Which plans we take." in search(client, "heroin").content.decode()
