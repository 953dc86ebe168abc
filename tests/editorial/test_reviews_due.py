"""Reviews come due: each health page's next review is its last plus the site's
period (or a reviewer's own date), listed overdue first, counted on each
reviewer's dashboard and mailed to the reviewers weekly."""

import csv
import datetime
import io

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from editorial.models import ReviewSettings
from editorial.reviews_due import add_months
from people.models import Person
from tests.articles.conftest import make_article
from tests.pages import make_service, make_service_index

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days_ago(days):
    return TODAY - datetime.timedelta(days=days)


def report(client, **query):
    return client.get(reverse("reviews_due"), query)


def titles(response):
    import re

    return re.findall(
        r'<a href="/admin/pages/\d+/edit/"[^>]*>\s*([^<]+?)\s*<',
        response.content.decode(),
    )


@pytest.fixture
def dana(medical_reviewer):
    return Person.objects.create(
        name="Dana Reyes", credentials="MD", user=medical_reviewer
    )


@pytest.fixture
def pages(article_index, home_page, dana):
    other = Person.objects.create(name="Sam Okafor", credentials="DO")
    programs = make_service_index(home_page)
    return {
        # Reviewed 13 months ago: overdue on a 12-month period.
        "overdue": make_article(
            article_index,
            title="Overdue article",
            medical_reviewer=dana,
            last_reviewed=add_months(TODAY, -13),
        ),
        # Due in 20 days.
        "soon": make_article(
            article_index,
            title="Soon article",
            medical_reviewer=other,
            last_reviewed=add_months(TODAY, -12) + datetime.timedelta(days=20),
        ),
        "fresh": make_article(
            article_index,
            title="Fresh article",
            medical_reviewer=dana,
            last_reviewed=days_ago(10),
        ),
        "never": make_service(programs, "Never reviewed program"),
        "draft": make_article(article_index, title="Draft article", publish=False),
    }


def test_the_report_lists_never_reviewed_then_overdue_then_due_soon(
    client, editor, pages
):
    client.force_login(editor)
    response = report(client)
    assert response.status_code == 200
    assert titles(response) == [
        "Never reviewed program",
        "Overdue article",
        "Soon article",
    ]
    html = response.content.decode()
    assert "Never reviewed" in html and "Overdue" in html and "Due soon" in html
    assert "Fresh article" not in html and "Draft article" not in html


def test_the_report_filters_by_reviewer_and_section_and_exports_csv(
    client, medical_reviewer, dana, pages
):
    client.force_login(medical_reviewer)
    assert titles(report(client, reviewer=dana.pk)) == ["Overdue article"]
    assert titles(report(client, section="programs")) == ["Never reviewed program"]
    export = report(client, export="csv")
    content = b"".join(export.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0] == [
        "Page",
        "Section",
        "Status",
        "Review due",
        "Last reviewed",
        "Reviewer",
    ]
    assert [row[0] for row in rows[1:]] == [
        "Never reviewed program",
        "Overdue article",
        "Soon article",
    ]
    assert rows[2][2] == "Overdue" and rows[2][5] == "Dana Reyes, MD"


def test_the_period_is_a_site_setting_and_a_reviewer_may_set_a_pages_own_date(
    client, admin_client, editor, pages, site
):
    # Six months: the fresh article is still fine, the soon one now overdue.
    settings = ReviewSettings.for_site(site)
    settings.review_period_months = 6
    settings.save()
    client.force_login(editor)
    assert "Soon article" in titles(report(client))
    assert "Fresh article" not in titles(report(client))

    fresh = pages["fresh"]
    edit = reverse("wagtailadmin_pages:edit", args=[fresh.pk])
    # An editor's form has no such field, and posting it changes nothing.
    assert 'name="review_due_override"' not in client.get(edit).content.decode()
    # Those who may publish health content (reviewers, in a review; superusers).
    assert 'name="review_due_override"' in admin_client.get(edit).content.decode()
    draft = fresh.get_latest_revision_as_object()
    draft.review_due_override = days_ago(1)
    draft.save_revision().publish()
    assert "Fresh article" in titles(report(client))


def test_an_editor_cannot_set_the_review_date_by_posting_it(
    client, editor, article_index, dana
):
    article = make_article(
        article_index, medical_reviewer=dana, last_reviewed=days_ago(400)
    )
    client.force_login(editor)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        nested_form_data(
            {
                "title": article.title,
                "slug": article.slug,
                "summary": article.summary,
                "body": streamfield(
                    [("rich_text", rich_text("<p>Body of article 1.</p>"))]
                ),
                "review_due_override": "2099-01-01",
            }
        ),
    )
    article.refresh_from_db()
    assert article.review_due_override is None
    assert article.get_latest_revision_as_object().review_due_override is None


def test_a_reviewer_sees_their_own_count_on_the_dashboard(
    client, medical_reviewer, pages
):
    client.force_login(medical_reviewer)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Your reviews coming due" in html
    assert "<strong>1 overdue</strong>" in html  # Dana's overdue article only


def test_others_do_not_see_the_report(client, django_user_model, pages):
    from tests.contact.conftest import make_staff

    admissions = make_staff(django_user_model, "admissions", "Admissions")
    client.force_login(admissions)
    assert report(client).status_code in (302, 403)
    assert (
        "Reviews due" not in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_the_weekly_digest_lists_titles_and_links_only(medical_reviewer, editor, pages):
    call_command("send_reviews_due_digest", "--force", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["reviewer@example.org"]
    assert message.subject == "Medical reviews due: 3"
    body = message.body
    assert body.index("Never reviewed program") < body.index("Overdue article")
    assert f"/admin/pages/{pages['overdue'].pk}/edit/" in body
    assert "Body of article" not in body  # no page text
    # Asked again the same week, it sends nothing more.
    call_command("send_reviews_due_digest", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def test_approving_a_review_moves_the_page_out_of_the_report(
    client, editor, medical_reviewer, pages
):
    from editorial.models import sign_review

    overdue = pages["overdue"]
    sign_review(overdue, medical_reviewer)
    overdue.get_latest_revision().publish()
    client.force_login(editor)
    assert "Overdue article" not in titles(report(client))
    # Unpublished pages leave it too.
    pages["soon"].unpublish()
    assert "Soon article" not in titles(report(client))
