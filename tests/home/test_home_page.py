import io

from django.core.management import call_command

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from articles.models import ArticleIndexPage
from home.blocks import FeaturedPageBlock
from home.models import HomePage
from tests.articles.conftest import make_article


def test_home_page_lives_only_at_the_root():
    case = WagtailPageTestCase()
    case.assertAllowedParentPageTypes(HomePage, {Page})


def test_home_page_lists_menu_pages_and_featured_pages(
    client, home_page, center, django_assert_max_num_queries
):
    children = []
    for i in range(6):
        child = Page(
            title=f"Program {i}",
            slug=f"program-{i}",
            show_in_menus=True,
            search_description=f"About program {i}",
        )
        home_page.add_child(instance=child)
        child.save_revision().publish()
        children.append(child)
    home_page.featured = [
        ("featured_page", {"page": c, "heading": "", "text": ""}) for c in children
    ]
    home_page.save_revision().publish()
    # +3 since Spanish pages, once per content generation: Wagtail's routing
    # finds the active locale; the language switcher reads the locales and
    # this page's translations (core.languages).
    with django_assert_max_num_queries(17):
        html = client.get("/").content.decode()
    for c in children:
        assert f'href="/program-{c.title[-1]}/"' in html
        assert f"About program {c.title[-1]}" in html


def test_demo_home_page_features_programs_the_center_and_the_seed_article(db, client):
    call_command("load_demo_content", stdout=io.StringIO())
    html = client.get("/").content.decode()
    for href in [
        "/treatment-programs/heroin-rehab/",
        "/treatment-programs/dual-diagnosis-treatment/",
        "/waltham/",
        "/articles/how-heroin-can-lead-to-depression/",
    ]:
        assert f'href="{href}"' in html.split('id="featured-heading"')[1], href
    # Each card says what is behind it, from the page's own summary.
    featured = html.split('id="featured-heading"')[1].split("</section>")[0]
    assert featured.count('class="card__text"') == 4
    assert "treats the whole person" in featured
    assert "depression" in featured.split("How Heroin Can Lead")[1]


def test_a_featured_articles_new_summary_shows_on_the_next_home_view(
    client, home_page, center, committed, django_assert_max_num_queries
):
    index = ArticleIndexPage(title="Articles", slug="articles")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    articles = [make_article(index) for _ in range(3)]
    home_page.featured = [
        ("featured_page", {"page": article, "heading": "", "text": ""})
        for article in articles
    ]
    home_page.save_revision().publish()
    assert "Summary of article 2." in client.get("/").content.decode()

    article = articles[1]
    article.summary = "Sleep comes back in the second week."
    with committed():
        article.save_revision().publish()

    with django_assert_max_num_queries(14):
        html = client.get("/").content.decode()
    assert "Sleep comes back in the second week." in html
    assert "Summary of article 2." not in html


def test_a_card_made_from_one_value_shows_the_summary_too(home_page, center):
    # A single value (a preview, a block read on its own) takes to_python.
    index = ArticleIndexPage(title="Articles", slug="articles")
    home_page.add_child(instance=index)
    article = make_article(index, summary="Why sleep is hard at first.")
    value = FeaturedPageBlock().to_python(
        {"page": article.pk, "heading": "", "text": ""}
    )
    assert "Why sleep is hard at first." in FeaturedPageBlock().render(value)
