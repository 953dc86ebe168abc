"""An article's rendered content is reused between views of its live revision,
and never shows anything older or other than what a fresh render would."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from contact.models import InquirySettings
from core import generation
from tests.articles.conftest import make_article, make_picture


def body(text):
    return [("rich_text", f"<p>{text}</p>")]


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def test_a_repeat_view_reuses_the_rendered_content(
    client, center, article_index, categories
):
    article = make_article(
        article_index,
        body=body("Withdrawal is hard alone."),
        categories=[categories["heroin"]],
        tags=["withdrawal"],
    )
    make_article(
        article_index, title="More on heroin", categories=[categories["heroin"]]
    )
    # The first view also creates the site's (empty) menu settings.
    client.get(article.url)
    client.get(article.url)
    reused, html = queries_for(client, article.url)
    generation.bump_now()
    rendered, fresh_html = queries_for(client, article.url)
    assert reused < rendered
    assert html == fresh_html
    assert "Withdrawal is hard alone." in html
    assert "More on heroin" in html


def test_publishing_a_new_version_shows_it_at_once(
    client, center, article_index, committed
):
    article = make_article(article_index, body=body("First version."))
    assert "First version." in client.get(article.url).content.decode()
    with committed():
        article.body = body("Second version.")
        article.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert "Second version." in html
    assert "First version." not in html


def test_a_preview_shows_the_draft_and_leaves_the_live_page_alone(
    client, center, article_index
):
    article = make_article(article_index, body=body("Live text."))
    client.get(article.url)  # the live content is now cached
    article.body = body("Draft text.")
    article.save_revision()  # saved, not published

    draft = article.get_latest_revision_as_object()
    preview = draft.make_preview_request().content.decode()
    assert "Draft text." in preview
    assert "Live text." not in preview

    html = client.get(article.url).content.decode()
    assert "Live text." in html
    assert "Draft text." not in html


def test_a_new_phone_number_shows_in_cached_body_text(
    client, center, article_index, committed
):
    article = make_article(article_index, body=body("Call us at [phone]."))
    assert "866.276.1920" in client.get(article.url).content.decode()
    with committed():
        center.admissions_phone = "(617) 555-0134"
        center.full_clean()
        center.save()
    html = client.get(article.url).content.decode()
    assert "617.555.0134" in html
    assert "866.276.1920" not in html


def test_a_newly_published_article_appears_under_related_reading(
    client, center, article_index, categories, committed
):
    article = make_article(article_index, categories=[categories["heroin"]])
    assert 'class="article-card"' not in client.get(article.url).content.decode()
    with committed():
        make_article(
            article_index,
            title="Naloxone saves lives",
            categories=[categories["heroin"]],
        )
    assert "Naloxone saves lives" in client.get(article.url).content.decode()


def test_a_renamed_linked_page_shows_its_new_title_in_the_body(
    client, center, article_index, committed
):
    target = make_article(article_index, title="Old title")
    article = make_article(
        article_index,
        body=[
            (
                "call_to_action",
                {"text": "<p>Read on.</p>", "action": "page", "page": target},
            )
        ],
    )
    assert "Old title" in client.get(article.url).content.decode()
    with committed():
        target.title = "New title"
        target.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert "New title" in html
    assert "Old title" not in html


def test_new_alt_text_and_a_renamed_reviewer_show_at_once(
    client, center, article_index, reviewer, committed
):
    picture = make_picture("Group session")
    article = make_article(
        article_index,
        hero_image=picture,
        medical_reviewer=reviewer,
        last_reviewed=datetime.date(2026, 11, 2),
    )
    html = client.get(article.url).content.decode()
    assert 'alt="alt text for Group session"' in html and "Dana Reyes" in html
    with committed():
        picture.description = "Six people talking in a circle of chairs"
        picture.save()
        reviewer.name = "Dana Reyes-Okafor"
        reviewer.save()
    html = client.get(article.url).content.decode()
    assert 'alt="Six people talking in a circle of chairs"' in html
    assert "Dana Reyes-Okafor" in html


def test_settings_no_page_shows_leave_kept_pages_alone(
    client, center, site, article_index, committed, django_assert_num_queries
):
    article = make_article(article_index)
    client.get(article.url)
    client.get(article.url)
    with committed():
        inquiries = InquirySettings.for_site(site)
        inquiries.notification_emails = "admissions@example.org"
        inquiries.save()
    with django_assert_num_queries(0):
        client.get(article.url)


def test_editors_see_the_user_bar_and_visitors_never_do(
    client, admin_client, center, article_index
):
    article = make_article(article_index)
    assert "wagtail-userbar" in admin_client.get(article.url).content.decode()
    # The parts the editor's view kept are the same for every visitor.
    assert "wagtail-userbar" not in client.get(article.url).content.decode()
