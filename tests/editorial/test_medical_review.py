import datetime
import json

from django.urls import reverse
from django.utils import timezone

from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from articles.models import ArticlePage
from core.blocks import BodyStreamBlock
from editorial.models import reviewer_profile
from editorial.roles import MEDICAL_REVIEW
from people.models import Person
from standard_pages.models import StandardPage
from tests.articles.conftest import make_article, make_picture
from tests.articles.test_admin import article_form, every_body_block, text

PUBLISH_BUTTON = 'name="action-publish"'


def add_article_url(index):
    return reverse("wagtailadmin_pages:add", args=("articles", "articlepage", index.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def submitted_article(client, editor, article_index):
    """An article an editor wrote in the admin and sent to medical review."""
    client.force_login(editor)
    linked = make_article(article_index, slug="contact-us")
    body = every_body_block(make_picture("Admin picture"), linked)
    response = client.post(
        add_article_url(article_index), article_form(body, **{"action-submit": "on"})
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return ArticlePage.objects.get(slug="every-block")


def review_action(client, article, action, comment="", **kwargs):
    task_state = article.current_workflow_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=(article.pk, action, task_state.pk)
    )
    return client.post(url, {"comment": comment}, **kwargs)


def test_editor_writes_every_block_and_submits_it_for_medical_review(
    client, editor, article_index
):
    client.force_login(editor)
    add_form = client.get(add_article_url(article_index)).content.decode()
    assert "Submit to Medical review" in add_form
    assert PUBLISH_BUTTON not in add_form

    article = submitted_article(client, editor, article_index)

    assert [block.block_type for block in article.body] == [
        name for name, _ in every_body_block(make_picture("x"), article_index)
    ]
    assert {block.block_type for block in article.body} == set(
        BodyStreamBlock().child_blocks
    )
    assert not article.live
    state = article.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == MEDICAL_REVIEW


def test_editor_cannot_publish_an_article_under_review(client, editor, article_index):
    article = submitted_article(client, editor, article_index)
    html = client.get(edit_url(article)).content.decode()
    assert PUBLISH_BUTTON not in html
    client.post(edit_url(article), article_form([], **{"action-publish": "on"}))
    article.refresh_from_db()
    assert not article.live
    assert article.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_reviewer_approval_publishes_the_article_signed_with_their_name(
    client, editor, medical_reviewer, article_index
):
    article = submitted_article(client, editor, article_index)
    client.force_login(medical_reviewer)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Awaiting your review" in dashboard and "Every block" in dashboard
    assert client.get(edit_url(article)).status_code == 200

    response = review_action(client, article, "approve")

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.live
    assert article.current_workflow_state is None
    assert article.medical_reviewer == medical_reviewer.person
    assert article.medical_reviewer.name == "Dana Reyes"
    assert article.last_reviewed == timezone.localdate()
    client.logout()
    page = client.get(article.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Medically reviewed by" in html and "Dana Reyes" in html
    assert f'datetime="{timezone.localdate():%Y-%m-%d}"' in html


def test_a_superuser_approving_does_not_sign_as_medical_reviewer(
    client, editor, django_user_model, article_index
):
    article = submitted_article(client, editor, article_index)
    admin = django_user_model.objects.create_superuser(
        "webadmin", "webadmin@example.org", "pw", first_name="Web", last_name="Admin"
    )
    client.force_login(admin)

    review_action(client, article, "approve")

    article.refresh_from_db()
    assert article.live
    assert article.medical_reviewer is None
    assert not Person.objects.filter(user=admin).exists()


def review_in_editor(client, article, action, comment=""):
    """Approve or request changes from the editor's action menu, as its JS posts it."""
    body = [("rich_text", text("<p>Heroin and depression often occur together.</p>"))]
    extra = json.dumps({"comment": comment} if comment else {})
    fields = {
        "action-workflow-action": "true",
        "workflow-action-name": action,
        "workflow-action-extra-data": extra,
    }
    return client.post(edit_url(article), article_form(body, **fields), follow=True)


@pytest.mark.parametrize(
    "action, comment, message",
    [
        ("approve", "", "approved and published"),
        ("reject", "Cite a source for the figures.", "sent back to its editor"),
    ],
)
def test_a_reviewer_acting_in_the_editor_lands_on_their_dashboard(
    client, editor, medical_reviewer, article_index, action, comment, message
):
    # Wagtail sends the reviewer on to the section in the page explorer, which
    # a reviewer (who holds no page permissions) is not allowed to open.
    article = submitted_article(client, editor, article_index)
    client.force_login(medical_reviewer)

    response = review_in_editor(client, article, action, comment)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    html = response.content.decode()
    assert "permission to access this area" not in html
    assert message in html and "Every block" in html
    article.refresh_from_db()
    assert article.live is (action == "approve")


def test_an_editor_still_returns_to_the_section_after_submitting(
    client, editor, article_index
):
    client.force_login(editor)
    submitted = client.post(
        add_article_url(article_index),
        article_form([("rich_text", text("<p>Draft.</p>"))], **{"action-submit": "on"}),
        follow=True,
    )
    assert submitted.redirect_chain[-1][0] == reverse(
        "wagtailadmin_explore", args=[article_index.pk]
    )


def test_request_changes_needs_a_comment_and_the_editor_sees_it(
    client, editor, medical_reviewer, article_index
):
    article = submitted_article(client, editor, article_index)
    client.force_login(medical_reviewer)

    empty = review_action(
        client, article, "reject", headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert "Tell the editor what to change" in json.loads(empty.content)["html"]
    article.refresh_from_db()
    assert article.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    comment = "Please cite a source for the relapse figures."
    review_action(client, article, "reject", comment=comment)

    article.refresh_from_db()
    assert not article.live
    state = article.workflow_states.get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    client.force_login(editor)
    html = client.get(edit_url(article)).content.decode()
    assert comment in html


def test_editor_cannot_publish_health_content_any_other_way(
    client, editor, article_index
):
    client.force_login(editor)
    draft = make_article(article_index, publish=False, slug="draft", owner=editor)
    live = make_article(article_index, slug="live")

    # The edit form's publish button, with no review under way.
    client.post(
        edit_url(draft), article_form([], slug="draft", **{"action-publish": "on"})
    )
    # Creating and publishing in one go.
    client.post(
        add_article_url(article_index),
        article_form([], slug="new", **{"action-publish": "on"}),
    )
    # Bulk publish from the page listing.
    bulk = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    client.post(f"{bulk}?id={draft.pk}", {"include_descendants": ""})
    # Copying with "publish copies" (refused, or copied as a draft).
    client.post(
        reverse("wagtailadmin_pages:copy", args=[live.pk]),
        {
            "new_title": "Copy",
            "new_slug": "copy",
            "new_parent_page": article_index.pk,
            "publish_copies": "on",
        },
    )
    # Taking a live article down.
    client.post(reverse("wagtailadmin_pages:unpublish", args=[live.pk]))

    assert list(
        ArticlePage.objects.live().order_by("slug").values_list("slug", flat=True)
    ) == ["live"]
    # The create form still saved the new article, as a draft.
    assert ArticlePage.objects.filter(slug="new").exists()


def test_editor_cannot_cancel_a_scheduled_go_live(
    client, editor, medical_reviewer, article_index
):
    article = make_article(article_index, publish=False, slug="scheduled")
    article.go_live_at = timezone.now() + datetime.timedelta(days=2)
    revision = article.save_revision(user=medical_reviewer)
    revision.publish(user=medical_reviewer)
    revision.refresh_from_db()
    assert revision.approved_go_live_at

    client.force_login(editor)
    client.post(
        reverse(
            "wagtailadmin_pages:revisions_unschedule", args=(article.pk, revision.pk)
        )
    )
    revision.refresh_from_db()
    assert revision.approved_go_live_at


def test_editor_publishes_a_standard_page_directly(client, editor, home_page):
    client.force_login(editor)
    url = reverse(
        "wagtailadmin_pages:add", args=("standard_pages", "standardpage", home_page.pk)
    )
    assert PUBLISH_BUTTON in client.get(url).content.decode()
    client.post(
        url,
        nested_form_data(
            {
                "title": "Careers",
                "slug": "careers",
                "introduction": "Join our team.",
                "body": streamfield([("rich_text", rich_text("<p>Open roles.</p>"))]),
                "action-publish": "on",
            }
        ),
    )
    assert StandardPage.objects.get(slug="careers").live


def test_articles_and_programs_are_under_medical_review(
    home_page, article_index, editorial_roles
):
    from services.models import ServiceIndexPage

    programs = ServiceIndexPage(title="Treatment programs", slug="programs")
    home_page.add_child(instance=programs)
    article = make_article(article_index)

    assert article.get_workflow().name == MEDICAL_REVIEW
    assert programs.get_workflow().name == MEDICAL_REVIEW
    assert home_page.get_workflow() is None or (
        home_page.get_workflow().name != MEDICAL_REVIEW
    )


def test_sections_made_before_the_workflow_join_it(home_page, editorial_roles):
    from django.apps import apps

    from wagtail.models import WorkflowPage

    from articles.models import ArticleIndexPage
    from editorial.roles import ensure_editorial_roles

    index = ArticleIndexPage(title="Articles", slug="articles")
    home_page.add_child(instance=index)
    WorkflowPage.objects.filter(page=index).delete()

    ensure_editorial_roles(apps)

    assert WorkflowPage.objects.get(page=index).workflow.name == MEDICAL_REVIEW


@pytest.mark.django_db
def test_reviewer_is_signed_with_their_own_profile_when_they_have_one(
    django_user_model,
):
    user = django_user_model.objects.create_user(username="drkim", password="pw")
    profile = Person.objects.create(name="Jae Kim", credentials="MD", user=user)
    assert reviewer_profile(user) == profile
    newcomer = django_user_model.objects.create_user(
        username="newdoc", first_name="Ana", last_name="Silva", password="pw"
    )
    assert reviewer_profile(newcomer).name == "Ana Silva"
    assert reviewer_profile(newcomer) == newcomer.person
