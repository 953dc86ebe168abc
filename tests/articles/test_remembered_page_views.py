"""A page view finds its site, settings, route and the parts every page repeats
(head, header, breadcrumbs, footer) from memory, and still shows every change
to what it reads at once."""

from django.db import transaction
from django.urls import reverse

from wagtail.models import PageViewRestriction, Site

from articles.models import ArticleIndexPage
from core import generation
from core.models import CenterSettings
from tests.articles.conftest import make_article


def warm(client, url):
    """Two views: the first may create settings rows, the second fills caches."""
    for _ in range(2):
        assert client.get(url).status_code == 200


def test_a_repeat_article_view_reads_nothing_from_the_database(
    client, center, article_index, django_assert_num_queries
):
    article = make_article(article_index, title="Heroin and the brain")
    warm(client, article.url)
    with django_assert_num_queries(0):
        response = client.get(article.url)
    assert response.status_code == 200
    assert "Heroin and the brain" in response.content.decode()


def test_an_unpublished_article_is_gone_at_once(
    client, center, article_index, committed
):
    article = make_article(article_index)
    warm(client, article.url)
    with committed():
        article.unpublish()
    assert client.get(article.url).status_code == 404


def test_a_renamed_article_answers_at_its_new_address(
    client, center, article_index, committed
):
    article = make_article(article_index, slug="old-address")
    old_url = article.url
    warm(client, old_url)
    with committed():
        article.slug = "new-address"
        article.save_revision().publish()
    # Wagtail keeps the old address as a redirect to the new one.
    moved = client.get(old_url)
    assert (moved.status_code, moved["Location"]) == (301, "/articles/new-address/")
    assert client.get("/articles/new-address/").status_code == 200


def test_a_page_made_private_asks_visitors_to_sign_in(
    client, center, article_index, committed
):
    article = make_article(article_index, body=[("rich_text", "<p>Members.</p>")])
    warm(client, article.url)
    with committed():
        PageViewRestriction.objects.create(
            page=article, restriction_type=PageViewRestriction.LOGIN
        )
    response = client.get(article.url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailcore_login"))


def test_a_section_made_private_hides_the_pages_below_it(
    client, center, article_index, committed
):
    article = make_article(article_index)
    warm(client, article.url)
    with committed():
        PageViewRestriction.objects.create(
            page=article_index, restriction_type=PageViewRestriction.LOGIN
        )
    assert client.get(article.url).status_code == 302


def test_each_address_keeps_its_own_breadcrumbs_and_head(client, center, article_index):
    first = make_article(article_index, title="First article")
    second = make_article(article_index, title="Second article")
    warm(client, first.url)
    warm(client, second.url)
    first_html = client.get(first.url).content.decode()
    second_html = client.get(second.url).content.decode()
    assert '<span aria-current="page">First article</span>' in first_html
    assert '<span aria-current="page">Second article</span>' in second_html
    assert f'<link rel="canonical" href="http://localhost{second.url}">' in (
        second_html
    )
    assert "Second article" not in first_html


def test_a_later_page_of_a_list_has_its_own_canonical_address(
    client, center, article_index
):
    article_index.articles_per_page = 1
    article_index.save_revision().publish()
    make_article(article_index)
    make_article(article_index)
    warm(client, "/articles/")
    html = client.get("/articles/?page=2").content.decode()
    assert '<link rel="canonical" href="http://localhost/articles/?page=2">' in html


def test_new_center_details_show_in_the_header_and_footer_at_once(
    client, center, article_index, committed
):
    article = make_article(article_index)
    warm(client, article.url)
    with committed():
        center.center_name = "Evoke Wellness at Newton"
        center.admissions_phone = "(617) 555-0134"
        center.full_clean()
        center.save()
    html = client.get(article.url).content.decode()
    assert '<span class="site-header__name">Evoke Wellness at Newton</span>' in html
    assert "<title>Article 1 | Evoke Wellness at Newton</title>" in html
    assert "866.276.1920" not in html
    assert html.count("617.555.0134") >= 2  # header call button and footer


def test_made_up_addresses_are_not_kept(client, center, article_index):
    article = make_article(article_index)
    warm(client, article.url)
    kept = len(generation.local_copies.entries)
    for number in range(5):
        assert client.get(f"/articles/no-such-article-{number}/").status_code == 404
        assert client.get(f"/made-up-{number}/").status_code == 404
    assert len(generation.local_copies.entries) == kept


def test_saving_a_draft_leaves_cached_pages_alone_and_publishing_retires_them(
    center, article_index, django_capture_on_commit_callbacks
):
    article = make_article(article_index)
    before = generation.read()
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "A draft title"
        article.save_revision()
    assert generation.read() == before
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert generation.read() != before


def test_editing_a_site_or_a_setting_retires_what_was_remembered(
    site, center, django_capture_on_commit_callbacks
):
    before = generation.read()
    with django_capture_on_commit_callbacks(execute=True):
        site.site_name = "Waltham"
        site.save()
    assert generation.read() != before
    before = generation.read()
    with django_capture_on_commit_callbacks(execute=True):
        CenterSettings.for_site(Site.objects.get()).save()
    assert generation.read() != before


def test_the_kept_article_list_shows_new_articles_and_topics_at_once(
    client, center, article_index, categories, django_assert_max_num_queries, committed
):
    make_article(
        article_index, title="First article", categories=[categories["heroin"]]
    )
    warm(client, "/articles/")
    with django_assert_max_num_queries(8):  # routing and the private-pages check
        assert "First article" in client.get("/articles/").content.decode()
    with committed():
        make_article(article_index, title="Brand new article")
        categories["heroin"].name = "Opioids"
        categories["heroin"].save()
    html = client.get("/articles/").content.decode()
    assert "Brand new article" in html
    assert "Opioids" in html


def test_drafting_a_page_never_published_changes_nothing_readers_see(
    client, center, article_index, committed, django_assert_num_queries
):
    """An editor writes a new article over an afternoon (autosaves included):
    the pages readers see stay kept."""
    article = make_article(article_index, title="Heroin and the brain")
    warm(client, article.url)
    with committed():
        draft = make_article(article_index, publish=False, title="Still a draft")
        for words in ("First paragraph.", "Second paragraph."):
            draft.body = [("rich_text", f"<p>{words}</p>")]
            draft.save_revision()
        draft.save()  # as Wagtail saves a page with no live version
    with django_assert_num_queries(0):
        assert client.get(article.url).status_code == 200
    with committed():
        draft.save_revision().publish()
    assert "Still a draft" in client.get("/articles/").content.decode()


def test_a_change_is_seen_only_once_it_is_committed(
    client, center, article_index, committed
):
    """Until the editor's transaction commits, other requests read the old
    content; what they keep then must not outlive the commit."""
    article = make_article(article_index, body=[("rich_text", "<p>Old text.</p>")])
    before = generation.read()
    with committed(), transaction.atomic():
        article.body = [("rich_text", "<p>New text.</p>")]
        article.save_revision().publish()
        assert generation.read() == before
    assert generation.read() != before
    assert "New text." in client.get(article.url).content.decode()


def test_a_moved_or_deleted_article_leaves_its_old_address(
    client, center, home_page, article_index, committed
):
    article = make_article(article_index, slug="naloxone")
    other = make_article(article_index, slug="kept")
    warm(client, article.url)
    warm(client, other.url)
    stories = ArticleIndexPage(title="Stories", slug="stories")
    home_page.add_child(instance=stories)
    stories.save_revision().publish()
    with committed():
        article.move(stories, pos="last-child")
    assert client.get("/stories/naloxone/").status_code == 200
    assert "/stories/naloxone/" in client.get("/stories/").content.decode()
    with committed():
        other.delete()
    assert client.get("/articles/kept/").status_code == 404
    assert "/articles/kept/" not in client.get("/articles/").content.decode()


def test_visitors_cannot_fill_memory_with_made_up_hosts(client, center, article_index):
    article = make_article(article_index)
    warm(client, article.url)
    kept = len(generation.local_copies.entries)
    for number in range(30):
        client.get(article.url, HTTP_HOST=f"random-{number}.example")
    assert len(generation.local_copies.entries) == kept
