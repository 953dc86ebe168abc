"""What the page editor says after a save, in the words of what happened."""

import html

from django.urls import reverse
from django.utils.html import strip_tags

import pytest

from standard_pages.models import StandardPage
from tests.editorial.test_medical_review import review_in_editor, submitted_article
from tests.editorial_mechanics.conftest import edit_form, make_draft_page


def save_draft(client, page):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return client.post(url, edit_form(page, "action-save-draft"), follow=True)


def messages(response):
    """The messages as the editor reads them, without their markup."""
    return [
        " ".join(html.unescape(strip_tags(str(message))).split())
        for message in response.context["messages"]
    ]


def test_the_first_save_of_a_new_page_says_it_is_a_draft(client, editor, home_page):
    # With autosave the page exists before the editor first presses "Save draft".
    page = make_draft_page(home_page)
    client.force_login(editor)

    said = messages(save_draft(client, page))

    assert said == [
        "Page 'Family program' is saved as a draft. Visitors do not see it "
        "until it is published."
    ]


def test_saving_a_live_page_says_the_site_is_unchanged(client, editor, home_page):
    page = make_draft_page(home_page)
    page.save_revision().publish()
    client.force_login(editor)

    said = messages(save_draft(client, page))

    assert said == [
        "Your changes to 'Family program' are saved as a draft. Visitors see the "
        "published page until the changes are published."
    ]


@pytest.mark.parametrize(
    "action, comment, expected",
    [
        ("approve", "", "Page 'Every block' is approved and published."),
        (
            "reject",
            "Cite a source.",
            "Page 'Every block' is sent back to its editor with your comment.",
        ),
    ],
)
def test_a_review_in_the_editor_says_what_the_reviewer_did(
    client, editor, medical_reviewer, article_index, action, comment, expected
):
    article = submitted_article(client, editor, article_index)
    client.get(reverse("wagtailadmin_home"))  # the editor reads "submitted"
    client.force_login(medical_reviewer)

    assert messages(review_in_editor(client, article, action, comment)) == [expected]


def test_saving_a_new_page_before_autosave_does_says_the_same(
    client, editor, home_page
):
    client.force_login(editor)
    url = reverse(
        "wagtailadmin_pages:add", args=("standard_pages", "standardpage", home_page.pk)
    )
    page = StandardPage(
        title="Family program", slug="family-program", introduction="Hi."
    )

    said = messages(client.post(url, edit_form(page, "action-save-draft"), follow=True))

    assert said == [
        "Page 'Family program' is saved as a draft. Visitors do not see it "
        "until it is published."
    ]
