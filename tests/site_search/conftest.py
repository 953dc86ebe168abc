import html
import re

import pytest

from articles.models import ArticleIndexPage, ArticlePage
from tests.pages import publish, slug_for


def make_article(index, title, summary="A short summary.", text="", **overrides):
    """A published ArticlePage with `text` as its body's only paragraph."""
    overrides.setdefault("slug", slug_for(title)[:50])
    overrides.setdefault("body", [("rich_text", f"<p>{text or 'Plain words.'}</p>")])
    return publish(index, ArticlePage(title=title, summary=summary, **overrides))


@pytest.fixture
def article_index(home_page):
    return publish(
        home_page,
        ArticleIndexPage(title="Articles", slug="articles", show_in_menus=True),
    )


@pytest.fixture
def seed_article(article_index):
    """An article shaped like the seed page /work/shared/seed/heroin-and-depression."""
    return make_article(
        article_index,
        "How Heroin Can Lead to Depression",
        summary="Heroin changes brain chemistry in ways that can lead to depression.",
        text="Nearly half of all people with a substance use disorder are also "
        "living with a mental health condition like depression. If you are "
        "looking for a heroin rehab in Waltham, MA, call [phone].",
    )


def shown_results(response):
    """(number of results, titles shown) as the page of results reads, whether
    it was rendered now or kept from an earlier search."""
    page = response.content.decode()
    count = re.search(
        r'class="search__count" role="status">\s*(?:More than )?(\d+)', page
    )
    titles = re.findall(
        r'<h2 class="search-result__title"><a [^>]*>(.*?)</a></h2>', page
    )
    return (
        int(count.group(1)) if count else 0,
        [html.unescape(re.sub(r"<[^>]+>", "", title)) for title in titles],
    )
