import datetime

import pytest

from articles.models import ArticleCategory, ArticleIndexPage, ArticlePage
from core.demo import make_image
from tests.pages import as_reviewed


def make_picture(title):
    """A tiny generated image, so tests stay fast."""
    return make_image(
        title,
        ((10, 20, 30), (200, 210, 220)),
        (64, 36),
        alt_text=f"alt text for {title}",
    )


def make_article(index, publish=True, **overrides):
    """An ArticlePage under `index`; categories/tags may be given as lists."""
    categories = overrides.pop("categories", [])
    tags = overrides.pop("tags", [])
    number = ArticlePage.objects.count() + 1
    fields = {
        "title": f"Article {number}",
        "slug": f"article-{number}",
        "summary": f"Summary of article {number}.",
        "body": [("rich_text", f"<p>Body of article {number}.</p>")],
        **overrides,
    }
    # Pages are live when added unless told otherwise; a draft must start unpublished.
    article = as_reviewed(ArticlePage(live=publish, **fields))
    index.add_child(instance=article)
    if categories:
        article.categories.set(categories)
    if tags:
        article.tags.add(*tags)
    revision = article.save_revision()
    if publish:
        revision.publish()
    article.refresh_from_db()
    return article


@pytest.fixture
def article_index(home_page):
    index = ArticleIndexPage(title="Articles", slug="articles", show_in_menus=True)
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def categories(db):
    substances = ArticleCategory.objects.create(name="Substances", slug="substances")
    mental_health = ArticleCategory.objects.create(
        name="Mental health", slug="mental-health"
    )
    return {
        "substances": substances,
        "heroin": ArticleCategory.objects.create(
            name="Heroin", slug="heroin", parent=substances
        ),
        "mental-health": mental_health,
        "depression": ArticleCategory.objects.create(
            name="Depression", slug="depression", parent=mental_health
        ),
        "treatment": ArticleCategory.objects.create(name="Treatment", slug="treatment"),
    }


@pytest.fixture
def reviewed_on():
    return datetime.date(2026, 3, 14)
