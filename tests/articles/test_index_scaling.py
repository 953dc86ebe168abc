"""The article list costs the same per view however many articles there are.

Counting the articles for the page links read every one of them on every view;
the count is now kept per content generation. The newest-first order comes from
Wagtail's index on first_published_at, as long as PostgreSQL has statistics for
the page table; without them it reads and sorts every article to show ten.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageViewRestriction

import pytest

from articles.models import ArticlePage
from core import generation
from tests.articles.conftest import make_article
from tests.articles.test_query_bounds import INDEX_QUERY_BOUND
from tests.core.test_query_indexes import filtered_seq_scans

PAGE_LINK = '<a href="?page={0}">Page {0}</a>'
CURRENT_PAGE = '<span aria-current="page">Page {0}</span>'


def article_counts(queries):
    return [
        query["sql"]
        for query in queries
        if "COUNT(" in query["sql"] and "articles_articlepage" in query["sql"]
    ]


@pytest.fixture
def three_pages(client, center, article_index):
    """Twenty-one articles, ten to a page, each list viewed once."""
    article_index.articles_per_page = 10
    article_index.save_revision().publish()
    for _ in range(21):
        make_article(article_index)
    for url in ("/articles/", "/articles/?page=3"):
        assert client.get(url).status_code == 200
    return article_index


# Page 2 was not viewed before: the count is the list's, not the page's.
@pytest.mark.parametrize(
    "url", ["/articles/", "/articles/?page=3", "/articles/?page=2"]
)
def test_a_seen_list_is_not_counted_again(
    client, three_pages, url, django_assert_max_num_queries
):
    with (
        django_assert_max_num_queries(INDEX_QUERY_BOUND),
        CaptureQueriesContext(connection) as queries,
    ):
        html = client.get(url).content.decode()
    assert not article_counts(queries.captured_queries)
    assert PAGE_LINK.format(3 if url.endswith("2") else 2) in html
    assert html.count('class="article-card"') == (1 if url.endswith("3") else 10)


def test_page_links_follow_publishing_and_unpublishing(client, three_pages, committed):
    assert PAGE_LINK.format(3) in client.get("/articles/").content.decode()

    with committed():
        make_article(three_pages, title="Newest of all")
        for _ in range(9):
            make_article(three_pages)
    html = client.get("/articles/").content.decode()
    assert "Newest of all" in html
    assert PAGE_LINK.format(4) in html

    with committed():
        ArticlePage.objects.get(title="Newest of all").unpublish()
    html = client.get("/articles/").content.decode()
    assert "Newest of all" not in html
    assert PAGE_LINK.format(4) not in html
    assert PAGE_LINK.format(3) in html


def test_a_private_article_leaves_the_list_and_its_count(
    client, three_pages, committed
):
    oldest = ArticlePage.objects.live().order_by("first_published_at", "pk").first()
    link = f'href="{oldest.url}"'
    assert link in client.get("/articles/?page=3").content.decode()

    with committed():
        PageViewRestriction.objects.create(
            page=oldest, restriction_type=PageViewRestriction.LOGIN
        )
    html = client.get("/articles/?page=3").content.decode()
    # Twenty public articles fill two pages; page 3 is now past the end.
    assert link not in html
    assert CURRENT_PAGE.format(2) in html
    assert PAGE_LINK.format(3) not in html


def test_filtered_lists_are_counted_apart(client, three_pages, categories):
    for _ in range(3):
        make_article(three_pages, categories=[categories["heroin"]], tags=["family"])
    whole_list = client.get("/articles/").content.decode()
    for url in ("/articles/category/substances/", "/articles/tag/family/"):
        html = client.get(url).content.decode()
        assert html.count('class="article-card"') == 3
        assert "Page 1" not in html
    assert PAGE_LINK.format(3) in whole_list


def add_article_rows(index, template, count):
    """`count` live copies of `template` under `index`, written straight to the
    database (publishing thousands of pages one by one would take minutes),
    then analyzed as PostgreSQL's autovacuum does after a bulk load."""
    copied = [
        field.column
        for field in Page._meta.local_concrete_fields
        if field.column
        not in {
            "id",
            "path",
            "slug",
            "url_path",
            "translation_key",
            "first_published_at",
        }
    ]
    article_columns = [
        field.column
        for field in ArticlePage._meta.local_concrete_fields
        if field.column != "page_ptr_id"
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH copies AS (
                INSERT INTO wagtailcore_page
                    (path, slug, url_path, translation_key, first_published_at,
                     {", ".join(copied)})
                SELECT %s || lpad((1000 + n)::text, 4, '0'),
                       'copy-' || n, %s || 'copy-' || n || '/', gen_random_uuid(),
                       first_published_at - n * interval '1 hour',
                       {", ".join(copied)}
                FROM wagtailcore_page, generate_series(1, %s) AS n
                WHERE id = %s
                RETURNING id
            )
            INSERT INTO articles_articlepage (page_ptr_id, {", ".join(article_columns)})
            SELECT copies.id, {", ".join(f"a.{column}" for column in article_columns)}
            FROM copies, articles_articlepage a
            WHERE a.page_ptr_id = %s
            """,  # noqa: S608 (the column names come from the models)
            [index.path, index.url_path, count, template.pk, template.pk],
        )
        Page.objects.filter(pk=index.pk).update(numchild=count + 1)
        cursor.execute("ANALYZE wagtailcore_page")
        cursor.execute("ANALYZE articles_articlepage")


def page_rows_read(sql):
    """The most rows any step of the query's plan took from the page table."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        (plan,) = cursor.fetchone()
    steps = [plan[0]["Plan"]]
    most = 0
    while steps:
        step = steps.pop()
        steps += step.get("Plans", [])
        if step.get("Relation Name") == "wagtailcore_page":
            most = max(most, step["Actual Rows"] * step["Actual Loops"])
    return most


@pytest.mark.parametrize("page", [1, 50])
def test_the_list_reads_only_the_articles_up_to_the_page_shown(
    client, center, article_index, page
):
    if connection.vendor != "postgresql":
        pytest.skip("Query plans are checked on PostgreSQL (CI runs it)")
    add_article_rows(article_index, make_article(article_index), 3000)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(f"/articles/?page={page}").content.decode()
    assert html.count('class="article-card"') == 10
    listings = [
        query["sql"]
        for query in queries.captured_queries
        if '"first_published_at" DESC' in query["sql"] and "LIMIT" in query["sql"]
    ]
    assert len(listings) == 1
    # Newest first from an index (Wagtail's on first_published_at), stopping at
    # the page shown, rather than reading and sorting all 3,001 articles.
    assert page_rows_read(listings[0]) <= (page + 1) * 10
    assert not filtered_seq_scans(listings[0], None)


def file_every_article_under(category):
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO articles_articlepage_categories (articlepage_id, articlecategory_id) "
            "SELECT page_ptr_id, %s FROM articles_articlepage a WHERE NOT EXISTS ("
            "SELECT 1 FROM articles_articlepage_categories c "
            "WHERE c.articlepage_id = a.page_ptr_id AND c.articlecategory_id = %s)",
            [category.pk, category.pk],
        )
        cursor.execute("ANALYZE articles_articlepage_categories")


def listing_queries(queries, limit):
    return [
        query["sql"]
        for query in queries.captured_queries
        if '"first_published_at" DESC' in query["sql"]
        and f"LIMIT {limit}" in query["sql"]
    ]


@pytest.mark.parametrize("url", ["article", "/articles/category/substances/"])
def test_a_category_of_thousands_reads_only_the_newest_few(
    client, center, article_index, categories, url
):
    """A reader opens an article, or its category's list, in a category of
    3,000 articles: the related articles and the list come from walking the
    newest, not from sorting all 3,000 (a join and DISTINCT would)."""
    if connection.vendor != "postgresql":
        pytest.skip("Query plans are checked on PostgreSQL (CI runs it)")
    article = make_article(article_index, categories=[categories["heroin"]])
    add_article_rows(article_index, article, 3000)
    file_every_article_under(categories["heroin"])
    generation.bump_now()
    with CaptureQueriesContext(connection) as queries:
        html = client.get(article.url if url == "article" else url).content.decode()
    limit = 3 if url == "article" else 10
    (listing,) = listing_queries(queries, limit)
    assert page_rows_read(listing) <= 10 * limit
    assert html.count('class="article-card"') == limit
