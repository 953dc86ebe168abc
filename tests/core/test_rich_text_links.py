"""Links to pages in rich text cost one query, whatever pages they lead to."""

from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page
from wagtail.rich_text import expand_db_html, features

from articles.models import ArticleIndexPage
from core import languages
from core.rich_text import PageLinkHandler
from standard_pages.models import StandardPage
from tests.articles.conftest import make_article


def test_every_page_link_in_a_body_is_filled_in_from_one_query(center):
    """An editor links an article to another article, the article list and a
    page of another type: each link leads to its page, read together."""
    article_index = ArticleIndexPage(title="Articles", slug="articles")
    center.site.root_page.add_child(instance=article_index)
    other = make_article(article_index)
    about = StandardPage(title="About us", slug="about")
    center.site.root_page.add_child(instance=about)
    html = (
        "".join(
            f'<p><a linktype="page" id="{page.pk}">{page.title}</a></p>'
            for page in (other, article_index, about)
        )
        + '<p><a linktype="page" id="999999">gone</a></p>'
    )
    languages.locale_codes()  # read once per content generation, not per link
    with CaptureQueriesContext(connection) as queries:
        expanded = expand_db_html(html)
    assert len(queries) == 1
    assert f'<a href="{other.url}">' in expanded
    assert '<a href="/articles/">' in expanded
    assert '<a href="/about/">' in expanded
    assert "<a>gone</a>" in expanded
    assert features.get_link_types()["page"] is PageLinkHandler


def test_no_page_type_makes_its_address_differently_from_wagtails_pages():
    """The handler reads generic pages: a page type with its own way of making
    its address would get a wrong link, so adding one fails here first."""
    for model in apps.get_models():
        if issubclass(model, Page):
            assert model.get_url_parts is Page.get_url_parts, model
            assert model.get_url is Page.get_url, model
            assert model.relative_url is Page.relative_url, model
