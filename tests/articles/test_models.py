import datetime
from datetime import date

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


def test_a_review_line_stands_only_for_the_title_and_body_reviewed(
    article_index, reviewer
):
    """However a changed page is published (edit form, bulk action, schedule),
    it shows no review line until a review approves what it now says."""
    article = make_article(
        article_index, medical_reviewer=reviewer, last_reviewed=date(2026, 3, 14)
    )
    assert article.reviewer == reviewer and article.review_date == date(2026, 3, 14)

    # A change to the SEO fields keeps it.
    draft = article.get_latest_revision_as_object()
    draft.seo_title = "Heroin and depression: how they connect"
    draft.save_revision().publish()
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.reviewer == reviewer

    # A change to the body, published without a review, drops it.
    draft = article.get_latest_revision_as_object()
    draft.body = [("rich_text", "<p>A claim nobody reviewed.</p>")]
    draft.save_revision().publish()
    article = ArticlePage.objects.get(pk=article.pk)
    assert (article.medical_reviewer, article.reviewer, article.review_date) == (
        None,
        None,
        None,
    )

    # So does a new title.
    reviewed = make_article(
        article_index, medical_reviewer=reviewer, last_reviewed=date(2026, 3, 14)
    )
    draft = reviewed.get_latest_revision_as_object()
    draft.title = "A new title"
    draft.save_revision().publish()
    assert ArticlePage.objects.get(pk=reviewed.pk).reviewer is None


def test_a_copy_is_new_content_with_no_review_line(article_index, reviewer):
    article = make_article(
        article_index, medical_reviewer=reviewer, last_reviewed=date(2026, 3, 14)
    )
    copy = article.copy(update_attrs={"slug": "copied", "title": article.title})
    copy = ArticlePage.objects.get(pk=copy.pk)
    assert (copy.medical_reviewer, copy.last_reviewed, copy.reviewed_content) == (
        None,
        None,
        "",
    )


def test_a_legacy_review_line_no_review_wrote_is_not_shown(article_index, reviewer):
    """Pages from before (or imported) that name a reviewer with no review."""
    article = make_article(article_index)
    ArticlePage.objects.filter(pk=article.pk).update(
        medical_reviewer=reviewer, last_reviewed=date(2026, 3, 14)
    )
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.reviewer is None and article.review_date is None
