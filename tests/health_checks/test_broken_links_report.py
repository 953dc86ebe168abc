"""Reports → Broken links: each live page's link whose address failed at the
last check, for editors, medical reviewers and superusers, with a download."""

import csv
import datetime
import io

from django.urls import reverse
from django.utils import timezone

import pytest

from health_checks.models import ExternalLink, ExternalLinkUse
from tests.articles.conftest import make_article
from tests.pages import make_service

from .conftest import edit_url, report_rows
from .test_link_check import check_links, sources

pytestmark = pytest.mark.django_db

REPORT = reverse("health_checks:broken_links")


def checked(url, page, text, status=None, error="", days_broken=3):
    now = timezone.now()
    link, _ = ExternalLink.objects.get_or_create(
        url=url,
        defaults={
            "status_code": status,
            "error": error,
            "is_broken": bool(error) or (status or 0) >= 400,
            "first_broken_at": now - datetime.timedelta(days=days_broken),
            "last_checked_at": now,
        },
    )
    ExternalLinkUse.objects.create(link=link, page=page, text=text)
    return link


@pytest.mark.usefixtures("only_this_machine")
def test_an_editor_sees_what_the_daily_check_found_broken(
    client, editor, link_server, article_index
):
    site = link_server.url
    article = make_article(
        article_index,
        title="Heroin and depression",
        body=[
            sources(("NIMH overview", f"{site}/ok"), ("Old study", f"{site}/missing")),
            ("rich_text", f'<p>See <a href="{site}/loop">this review</a>.</p>'),
        ],
    )
    check_links()
    client.force_login(editor)

    rows = report_rows(client.get(REPORT))

    assert [row[:4] for row in rows] == [
        (
            "Heroin and depression",
            "Old study",
            f"{site}/missing (opens in a new tab)",
            "404 Not Found",
        ),
        (
            "Heroin and depression",
            "this review",
            f"{site}/loop (opens in a new tab)",
            "Redirect loop",
        ),
    ]
    # First seen broken and last checked, both just now; the title edits the page.
    assert all(row[4] and row[5] and row[6] == edit_url(article) for row in rows)


def test_only_live_pages_and_only_broken_links_are_listed(
    client, editor, article_index, programs
):
    live = make_article(article_index, title="Live article")
    withdrawn = make_article(article_index, title="Withdrawn article")
    program = make_service(programs, "Detox")
    checked("https://example.org/gone", live, "Gone study", status=404)
    checked("https://example.org/fine", live, "Fine study", status=200)
    checked(
        "https://example.net/slow", program, "Slow site", error="Timed out after 10 s"
    )
    checked("https://example.org/gone", withdrawn, "Gone study")
    withdrawn.unpublish()
    client.force_login(editor)

    rows = report_rows(client.get(REPORT))

    assert [row[:4] for row in rows] == [
        (
            "Detox",
            "Slow site",
            "https://example.net/slow (opens in a new tab)",
            "Timed out after 10 s",
        ),
        (
            "Live article",
            "Gone study",
            "https://example.org/gone (opens in a new tab)",
            "404 Not Found",
        ),
    ]


def test_the_download_lists_the_same_rows_and_never_runs_a_formula(
    client, editor, article_index
):
    article = make_article(article_index, title="Relapse")
    checked("https://example.org/gone", article, '=HYPERLINK("x")', status=410)
    client.force_login(editor)

    response = client.get(REPORT, {"export": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    content = b"".join(response.streaming_content).decode()
    header, row = list(csv.reader(io.StringIO(content)))
    assert header == [
        "Page",
        "Edit page",
        "Link text",
        "Address",
        "Status",
        "First seen broken",
        "Last checked",
    ]
    assert row[:5] == [
        "Relapse",
        f"http://testserver{edit_url(article)}",
        '\'=HYPERLINK("x")',
        "https://example.org/gone",
        "410 Gone",
    ]


@pytest.mark.parametrize("who", ["editor", "medical_reviewer", "superuser"])
def test_editors_reviewers_and_superusers_find_the_report_in_reports(
    client, request, who, article_index
):
    checked("https://example.org/gone", make_article(article_index), "A", status=404)
    client.force_login(request.getfixturevalue(who))

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Broken links" in dashboard and REPORT in dashboard
    assert len(report_rows(client.get(REPORT))) == 1


def test_admissions_staff_can_neither_open_nor_download_it(
    client, admissions, article_index
):
    checked("https://example.org/gone", make_article(article_index), "A", status=404)
    client.force_login(admissions)

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    opened = client.get(REPORT, follow=True)
    downloaded = client.get(REPORT, {"export": "csv"})

    assert REPORT not in dashboard
    assert opened.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert downloaded.status_code == 302
    assert "example.org" not in opened.content.decode()


def test_with_nothing_broken_the_report_says_so(client, editor, article_index):
    client.force_login(editor)

    assert "No broken links were found" in client.get(REPORT).content.decode()
