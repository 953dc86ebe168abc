"""An editor writing health content is warned of a listed claim as they save
and submit it, and the medical reviewer sees the same warning in the review.
Nothing is ever blocked."""

import json

from django.urls import reverse

from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from articles.models import ArticlePage
from services.models import ServicePage
from standard_pages.models import StandardPage
from tests.articles.conftest import make_article
from tests.articles.test_admin import article_form, text
from tests.editorial.test_save_messages import messages
from tests.pages import make_service

from .conftest import edit_url

pytestmark = pytest.mark.django_db

CURE_IN_SUMMARY = "“cure” in Summary"


def add_article_url(index):
    return reverse("wagtailadmin_pages:add", args=("articles", "articlepage", index.pk))


def claim_warnings(response):
    return [said for said in messages(response) if said.startswith("Claims to check")]


PLAIN_BODY = [("rich_text", text("<p>Recovery takes time.</p>"))]


def write_article(client, index, summary, body=PLAIN_BODY, **actions):
    """An editor's new article, posted from the add form, followed to where
    Wagtail sends them."""
    actions = actions or {"action-save-draft": "on"}
    return client.post(
        add_article_url(index),
        article_form(list(body), summary=summary, **actions),
        follow=True,
    )


def test_saving_an_article_that_promises_a_cure_warns_and_still_saves_it(
    client, editor, article_index, phrases
):
    client.force_login(editor)

    response = write_article(
        client, article_index, summary="Heroin addiction can be cured for good."
    )

    assert claim_warnings(response) == [
        "Claims to check in 'Every block': “cured” in Summary. Health pages must "
        "not promise results: reword these, or keep them only if a medical "
        "reviewer confirms them. This is a warning; nothing is blocked."
    ]
    article = ArticlePage.objects.get(slug="every-block")
    assert article.summary == "Heroin addiction can be cured for good."
    assert article.latest_revision is not None


def test_an_article_without_listed_phrases_saves_without_a_warning(
    client, editor, article_index, phrases
):
    client.force_login(editor)

    response = write_article(
        client,
        article_index,
        summary="Treatment helps many people; recovery takes time.",
        body=[("rich_text", text("<p>Detox is supervised around the clock.</p>"))],
    )

    assert claim_warnings(response) == []
    assert ArticlePage.objects.filter(slug="every-block").exists()


def test_submitting_for_medical_review_warns_and_submits(
    client, editor, article_index, phrases
):
    client.force_login(editor)

    response = write_article(
        client,
        article_index,
        summary="What to expect in the first week.",
        body=[
            ("heading", {"text": "First days", "level": "h2", "anchor": ""}),
            ("rich_text", text("<p>Our detox is <b>painless</b> detox.</p>")),
        ],
        **{"action-submit": "on"},
    )

    [warning] = claim_warnings(response)
    assert "“painless detox” in Body, block 2 (Text)" in warning
    article = ArticlePage.objects.get(slug="every-block")
    assert article.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_saving_an_existing_program_names_each_phrase_and_where_it_is(
    client, editor, programs, phrases
):
    program = make_service(programs, "Heroin rehab")
    client.force_login(editor)

    response = client.post(
        edit_url(program),
        nested_form_data(
            {
                "title": "The best rehab for heroin",
                "slug": "heroin-rehab",
                "summary": "A 100% success rate.",
                "body": streamfield([("rich_text", rich_text("<p>How it works.</p>"))]),
                "action-save-draft": "on",
            }
        ),
        follow=True,
    )

    [warning] = claim_warnings(response)
    assert (
        "“best rehab” in Title; “100%” in Summary; “success rate” in Summary."
        in warning
    )
    assert ServicePage.objects.get(pk=program.pk).has_unpublished_changes


def test_pages_that_are_not_health_content_are_not_checked(
    client, editor, home_page, phrases
):
    client.force_login(editor)
    url = reverse(
        "wagtailadmin_pages:add", args=("standard_pages", "standardpage", home_page.pk)
    )

    response = client.post(
        url,
        nested_form_data(
            {
                "title": "Careers",
                "slug": "careers",
                "introduction": "A guaranteed bonus for nurses.",
                "body": streamfield([]),
                "action-publish": "on",
            }
        ),
        follow=True,
    )

    assert claim_warnings(response) == []
    assert StandardPage.objects.get(slug="careers").live


def test_the_medical_reviewer_sees_the_warning_when_opening_the_review(
    client, editor, medical_reviewer, article_index, phrases
):
    client.force_login(editor)
    write_article(
        client,
        article_index,
        summary="A miracle for families.",
        **{"action-submit": "on"},
    )
    article = ArticlePage.objects.get(slug="every-block")
    client.force_login(medical_reviewer)

    opened = client.get(edit_url(article))

    assert opened.status_code == 200
    assert claim_warnings(opened) == [
        "Claims to check in 'Every block': “miracle” in Summary. Health pages must "
        "not promise results: reword these, or keep them only if a medical "
        "reviewer confirms them. This is a warning; nothing is blocked."
    ]


def test_a_reviewer_correcting_a_page_in_review_is_warned_once(
    client, editor, medical_reviewer, article_index, phrases
):
    client.force_login(editor)
    write_article(client, article_index, summary="Cure it.", **{"action-submit": "on"})
    article = ArticlePage.objects.get(slug="every-block")
    client.force_login(medical_reviewer)

    # Saving sends the reviewer back to the editor, which is in review still.
    saved = client.post(
        edit_url(article),
        article_form(
            PLAIN_BODY, summary="A cure, they say.", **{"action-save-draft": "on"}
        ),
        follow=True,
    )

    assert saved.redirect_chain[-1][0] == edit_url(article)
    assert len(claim_warnings(saved)) == 1
    assert CURE_IN_SUMMARY in claim_warnings(saved)[0]


def test_a_page_not_in_review_opens_without_the_warning(
    client, editor, article_index, phrases
):
    # The editor was told when saving; opening the page again says nothing.
    article = make_article(article_index, summary="A cure.", publish=False)
    client.force_login(editor)

    assert claim_warnings(client.get(edit_url(article))) == []


def test_approving_a_page_with_a_listed_phrase_still_publishes_it(
    client, editor, medical_reviewer, article_index, phrases
):
    client.force_login(editor)
    write_article(client, article_index, summary="Cure it.", **{"action-submit": "on"})
    article = ArticlePage.objects.get(slug="every-block")
    client.force_login(medical_reviewer)

    approved = client.post(
        edit_url(article),
        article_form(
            PLAIN_BODY,
            summary="Cure it.",
            **{
                "action-workflow-action": "true",
                "workflow-action-name": "approve",
                "workflow-action-extra-data": json.dumps({}),
            },
        ),
        follow=True,
    )

    article.refresh_from_db()
    assert article.live
    assert CURE_IN_SUMMARY in claim_warnings(approved)[0]


def test_an_autosave_leaves_no_warning_for_the_next_page(
    client, editor, article_index, phrases
):
    article = make_article(article_index, publish=False, slug="every-block")
    client.force_login(editor)

    autosaved = client.post(
        edit_url(article),
        article_form([], summary="A cure."),
        headers={"accept": "application/json"},
    )

    assert autosaved.json()["success"] is True
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert claim_warnings(dashboard) == []
    assert ArticlePage.objects.get(pk=article.pk).summary == "A cure."
