import datetime

from django.core.exceptions import ValidationError

from wagtail.test.utils import WagtailPageTestCase

import pytest

from articles.models import ArticleCategory, ArticleIndexPage, ArticlePage
from home.models import HomePage
from tests.articles.conftest import make_article


def test_article_index_lives_under_home_and_holds_only_articles():
    case = WagtailPageTestCase()
    case.assertAllowedParentPageTypes(ArticleIndexPage, {HomePage})
    case.assertAllowedSubpageTypes(ArticleIndexPage, {ArticlePage})


def test_article_lives_under_an_index_and_has_no_children():
    case = WagtailPageTestCase()
    case.assertAllowedParentPageTypes(ArticlePage, {ArticleIndexPage})
    case.assertAllowedSubpageTypes(ArticlePage, set())


def test_category_shows_its_parent(categories):
    assert str(categories["heroin"]) == "Substances › Heroin"
    assert str(categories["treatment"]) == "Treatment"


def test_categories_nest_only_two_levels(categories):
    too_deep = ArticleCategory(
        name="Fentanyl", slug="fentanyl", parent=categories["heroin"]
    )
    with pytest.raises(ValidationError) as error:
        too_deep.full_clean()
    assert "parent" in error.value.message_dict


def test_reading_time_grows_with_the_body(article_index):
    short = make_article(article_index)
    long_text = "<p>" + "word " * 1000 + "</p>"
    long = make_article(
        article_index,
        body=[
            ("heading", {"text": "Heading", "level": "h2", "anchor": ""}),
            ("rich_text", long_text),
        ],
    )
    assert short.reading_minutes == 1
    assert long.reading_minutes == 6  # 1001 words at 200 a minute, rounded up


def test_related_articles_are_editor_chosen_first(article_index, categories):
    chosen = make_article(article_index, categories=[categories["treatment"]])
    same_category = make_article(article_index, categories=[categories["heroin"]])
    article = make_article(article_index, categories=[categories["heroin"]])
    assert article.get_related_articles() == [same_category]
    article.related_links.create(related_article=chosen)
    assert article.get_related_articles() == [chosen]


def test_related_articles_fall_back_to_newest_in_category_never_itself(
    article_index, categories
):
    heroin = categories["heroin"]
    older = make_article(article_index, categories=[heroin])
    newer = make_article(article_index, categories=[heroin])
    make_article(article_index, categories=[categories["treatment"]])
    make_article(article_index, categories=[heroin], publish=False)
    article = make_article(article_index, categories=[heroin])
    ArticlePage.objects.filter(pk=older.pk).update(
        first_published_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    assert article.get_related_articles() == [newer, older]


def test_reviewer_needs_a_review_date(article_index, reviewer):
    article = make_article(article_index)
    article.medical_reviewer = reviewer
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "last_reviewed" in error.value.message_dict
