"""A page view finds its site, settings, route and the parts every page repeats
(head, header, breadcrumbs, footer) from memory, and still shows every change
to what it reads at once."""

from django.urls import reverse

from wagtail.models import PageViewRestriction, Site

from core import fragments
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


def test_an_unpublished_article_is_gone_at_once(client, center, article_index):
    article = make_article(article_index)
    warm(client, article.url)
    article.unpublish()
    assert client.get(article.url).status_code == 404


def test_a_renamed_article_answers_at_its_new_address_only(
    client, center, article_index
):
    article = make_article(article_index, slug="old-address")
    old_url = article.url
    warm(client, old_url)
    article.slug = "new-address"
    article.save_revision().publish()
    assert client.get(old_url).status_code == 404
    assert client.get("/articles/new-address/").status_code == 200


def test_a_page_made_private_asks_visitors_to_sign_in(client, center, article_index):
    article = make_article(article_index, body=[("rich_text", "<p>Members.</p>")])
    warm(client, article.url)
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(article.url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailcore_login"))


def test_a_section_made_private_hides_the_pages_below_it(client, center, article_index):
    article = make_article(article_index)
    warm(client, article.url)
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
    client, center, article_index
):
    article = make_article(article_index)
    warm(client, article.url)
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
    kept = len(fragments.local_copies.entries)
    for number in range(5):
        assert client.get(f"/articles/no-such-article-{number}/").status_code == 404
        assert client.get(f"/made-up-{number}/").status_code == 404
    assert len(fragments.local_copies.entries) == kept


def test_saving_a_draft_leaves_cached_pages_alone_and_publishing_retires_them(
    center, article_index
):
    article = make_article(article_index)
    generation = fragments.current_generation()
    article.title = "A draft title"
    article.save_revision()
    assert fragments.current_generation() == generation
    article.save_revision().publish()
    assert fragments.current_generation() != generation


def test_editing_a_site_or_a_setting_retires_what_was_remembered(site, center):
    generation = fragments.current_generation()
    site.site_name = "Waltham"
    site.save()
    assert fragments.current_generation() != generation
    generation = fragments.current_generation()
    CenterSettings.for_site(Site.objects.get()).save()
    assert fragments.current_generation() != generation


def test_the_kept_article_list_shows_new_articles_and_topics_at_once(
    client, center, article_index, categories, django_assert_max_num_queries
):
    make_article(
        article_index, title="First article", categories=[categories["heroin"]]
    )
    warm(client, "/articles/")
    with django_assert_max_num_queries(8):  # routing and the private-pages check
        assert "First article" in client.get("/articles/").content.decode()
    make_article(article_index, title="Brand new article")
    categories["heroin"].name = "Opioids"
    categories["heroin"].save()
    html = client.get("/articles/").content.decode()
    assert "Brand new article" in html
    assert "Opioids" in html
