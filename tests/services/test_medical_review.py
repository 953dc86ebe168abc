"""A treatment program shows which clinician checked it, as articles do."""

import datetime

from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from tests.pages import make_service, make_service_index
from tests.seo.conftest import json_ld
from tests.seo.test_meta import head, meta

pytestmark = pytest.mark.django_db

REVIEW_DATE = datetime.date(2026, 3, 14)


@pytest.fixture
def programs(home_page):
    return make_service_index(home_page)


def test_a_reviewed_program_names_its_reviewer_under_the_title(
    client, center, programs, reviewer
):
    service = make_service(
        programs, "Heroin rehab", medical_reviewer=reviewer, last_reviewed=REVIEW_DATE
    )

    html = client.get(service.url).content.decode()

    assert (
        'Medically reviewed by <a href="#reviewer">Dana Reyes, MD</a> · Last reviewed '
        '<time datetime="2026-03-14">14 March 2026</time>'
    ) in html
    assert html.index('class="service__review"') < html.index('class="service__body')
    card = html.split('id="reviewer"')[1].split("</aside>")[0]
    assert "About the medical reviewer" in card
    assert "Medical Director" in card
    assert "Board-certified in addiction medicine." in card
    assert 'class="person-card__photo"' in card


def test_an_unreviewed_program_says_nothing_about_review(client, center, programs):
    service = make_service(programs, "Heroin rehab")

    html = client.get(service.url).content.decode()

    assert "Medically reviewed" not in html
    assert 'id="reviewer"' not in html


def test_a_reviewed_program_tells_search_engines_who_reviewed_it(
    client, center, programs, reviewer
):
    service = make_service(
        programs, "Heroin rehab", medical_reviewer=reviewer, last_reviewed=REVIEW_DATE
    )

    response = client.get(service.url)

    [page] = json_ld(response)["MedicalWebPage"]
    assert page["url"] == service.full_url
    assert page["reviewedBy"] == {
        "@type": "Person",
        "name": "Dana Reyes",
        "honorificSuffix": "MD",
        "jobTitle": "Medical Director",
    }
    assert page["lastReviewed"] == "2026-03-14"
    # A program is a web page about treatment, not an article.
    assert "mainEntity" not in page
    assert meta(head(response), "property", "og:type") == ["website"]


def test_no_form_post_writes_a_review_line_not_even_a_superusers(
    admin_client, client, center, programs, reviewer
):
    """The reviewer and date are read-only in the editor, for everyone."""
    service = make_service(programs, "Heroin rehab")
    edit_url = reverse("wagtailadmin_pages:edit", args=[service.pk])
    assert 'name="medical_reviewer"' not in admin_client.get(edit_url).content.decode()

    response = admin_client.post(
        edit_url,
        nested_form_data(
            {
                "title": "Heroin rehab",
                "slug": "heroin-rehab",
                "summary": "Heroin rehab at Evoke Wellness at Waltham.",
                "body": streamfield([("rich_text", rich_text("<p>How it works.</p>"))]),
                "medical_reviewer": reviewer.pk,
                "last_reviewed": "2026-03-14",
                "reviewed_content": "forged",
                "action-publish": "publish",
            }
        ),
    )

    assert response.status_code == 302
    service.refresh_from_db()
    assert service.live
    assert (service.medical_reviewer, service.last_reviewed) == (None, None)
    assert service.reviewed_content == ""
    assert "Medically reviewed" not in client.get(service.url).content.decode()


def test_the_reviewer_costs_a_fixed_number_of_queries(
    client, center, programs, reviewer, django_assert_max_num_queries
):
    plain = make_service(programs, "Plain program")
    reviewed = make_service(
        programs,
        "Reviewed program",
        medical_reviewer=reviewer,
        last_reviewed=REVIEW_DATE,
    )
    client.get(plain.url)
    client.get(reviewed.url)  # creates the photo's rendition once
    with django_assert_max_num_queries(100) as plain_queries:
        client.get(plain.url)

    # The reviewer with its photo, and the photo's renditions.
    with django_assert_max_num_queries(len(plain_queries) + 2):
        client.get(reviewed.url)
