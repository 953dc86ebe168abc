"""Reports → Claims to check: every health page, live or draft, using a listed
phrase, for editors, medical reviewers and superusers."""

from django.urls import reverse

import pytest

from health_checks.models import ClaimPhrases
from tests.articles.conftest import make_article
from tests.pages import make_service, make_standard_page

from .conftest import edit_url, report_rows

pytestmark = pytest.mark.django_db

REPORT = reverse("health_checks:claims")


def test_the_report_lists_each_phrase_of_each_health_page_with_its_edit_link(
    client, editor, article_index, programs, phrases
):
    heroin = make_article(
        article_index, title="Heroin and depression", summary="Can it be cured?"
    )
    make_article(article_index, title="Signs of relapse", summary="What to watch.")
    program = make_service(
        programs,
        "Detox",
        body=[("rich_text", "<p>A painless detox, guaranteed.</p>")],
    )
    make_standard_page(article_index.get_parent(), "Careers", introduction="A cure.")
    client.force_login(editor)

    response = client.get(REPORT)

    assert response.status_code == 200
    assert report_rows(response) == [
        ("Detox", "guaranteed", "Body, block 1 (Text)", "Live", edit_url(program)),
        ("Detox", "painless detox", "Body, block 1 (Text)", "Live", edit_url(program)),
        ("Heroin and depression", "cured", "Summary", "Live", edit_url(heroin)),
    ]


def test_drafts_are_listed_and_say_which_version_holds_the_phrase(
    client, editor, article_index, phrases
):
    make_article(article_index, title="New draft", summary="A miracle.", publish=False)
    changed = make_article(article_index, title="Changed", summary="A cure.")
    changed.summary = "A cure, and a miracle."
    changed.save_revision()
    fixed = make_article(article_index, title="Fixed", summary="Guaranteed results.")
    fixed.summary = "Results vary."
    fixed.save_revision()
    client.force_login(editor)

    rows = [row[:4] for row in report_rows(client.get(REPORT))]

    assert rows == [
        ("Changed", "cure", "Summary", "Live and draft"),
        ("Changed", "miracle", "Summary", "Draft"),
        # Readers still see the live version until the fix is approved.
        ("Fixed", "guaranteed", "Summary", "Live"),
        ("New draft", "miracle", "Summary", "Draft"),
    ]


def test_a_changed_phrase_list_changes_the_report(
    client, editor, article_index, phrases
):
    make_article(article_index, title="Naltrexone", summary="Life-changing care.")
    client.force_login(editor)
    assert "No health page uses a listed phrase." in client.get(REPORT).content.decode()

    phrases.phrases = "life-changing\n"
    phrases.save()

    assert [row[:2] for row in report_rows(client.get(REPORT))] == [
        ("Naltrexone", "life-changing")
    ]


def test_a_phrase_with_accents_is_found_on_every_database(
    client, editor, article_index, phrases
):
    # SQLite keeps "ó" in JSON as "\u00f3": the database is asked only for
    # the plain letters, the rest is matched after reading.
    make_article(
        article_index,
        title="Tratamiento",
        body=[("rich_text", "<p>Recuperación garantizada.</p>")],
    )
    phrases.phrases = "recuperación garantizada"
    phrases.save()
    client.force_login(editor)

    assert [row[:3] for row in report_rows(client.get(REPORT))] == [
        ("Tratamiento", "recuperación garantizada", "Body, block 1 (Text)")
    ]


def test_with_no_phrases_listed_the_report_says_nothing_is_checked(
    client, editor, article_index
):
    make_article(article_index, summary="A cure.")
    ClaimPhrases.objects.update_or_create(defaults={"phrases": ""})
    client.force_login(editor)

    html_text = client.get(REPORT).content.decode()

    assert "No phrases are listed in Settings → Claim phrases" in html_text
    assert "<tbody>" not in html_text


@pytest.mark.parametrize("who", ["editor", "medical_reviewer", "superuser"])
def test_editors_reviewers_and_superusers_find_the_report_in_reports(
    client, request, who, article_index, phrases
):
    make_article(article_index, title="Cure myths", summary="Myths.")
    client.force_login(request.getfixturevalue(who))

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    report = client.get(REPORT)

    assert "Claims to check" in dashboard and REPORT in dashboard
    assert report.status_code == 200
    assert [row[:2] for row in report_rows(report)] == [("Cure myths", "cure")]


def test_admissions_staff_neither_see_nor_open_the_report(
    client, admissions, article_index, phrases
):
    make_article(article_index, title="Cure myths", summary="Myths.")
    client.force_login(admissions)

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    response = client.get(REPORT, follow=True)

    assert REPORT not in dashboard
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert "Cure myths" not in response.content.decode()


def test_medical_reviewers_keep_the_phrase_list_and_editors_cannot_change_it(
    client, claim_roles, editor, medical_reviewer, phrases
):
    url = reverse(
        "wagtailsettings:edit", args=["health_checks", "claimphrases", phrases.pk]
    )
    client.force_login(editor)
    assert client.get(url).status_code in (302, 403)

    client.force_login(medical_reviewer)
    assert client.get(url).status_code == 200
    client.post(url, {"phrases": "cure\nno side effects"})

    phrases.refresh_from_db()
    assert phrases.phrases.splitlines() == ["cure", "no side effects"]
