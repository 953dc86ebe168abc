"""What editors set on a page's Promote tab reaches search engines and share cards."""

from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest

from seo.models import DESCRIPTION_LENGTH_HINT, TITLE_LENGTH_HINT
from tests.pages import make_standard_page
from tests.seo.conftest import picture
from tests.seo.test_meta import canonical, head, meta
from tests.seo.test_sitemap import sitemap_entries

pytestmark = pytest.mark.django_db


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_the_edit_form_tells_editors_how_long_title_and_description_should_be(
    admin_client, home_page
):
    page = make_standard_page(home_page, "About us")

    html = admin_client.get(edit_url(page)).content.decode()

    assert TITLE_LENGTH_HINT in html
    assert DESCRIPTION_LENGTH_HINT in html
    assert "Hide from search engines" in html


def test_hiding_a_page_in_the_admin_keeps_it_out_of_search_engines(
    admin_client, client, center, home_page
):
    page = make_standard_page(home_page, "Staff notice")
    assert page.full_url in sitemap_entries(client)[0]

    response = admin_client.post(
        edit_url(page),
        nested_form_data(
            {
                "title": "Staff notice",
                "slug": "staff-notice",
                "introduction": "For staff.",
                "body": streamfield([]),
                "noindex": "on",
                "action-publish": "publish",
            }
        ),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    page.refresh_from_db()
    assert page.noindex
    assert page.full_url not in sitemap_entries(client)[0]
    assert '<meta name="robots" content="noindex">' in head(client.get(page.url))


def test_a_canonical_address_replaces_the_pages_own(client, center, home_page):
    copy = make_standard_page(
        home_page,
        "Insurance (campaign)",
        canonical_url="https://evokewellness.com/insurance/",
    )
    other = make_standard_page(home_page, "Insurance")

    html = head(client.get(copy.url))

    assert canonical(html) == ["https://evokewellness.com/insurance/"]
    assert meta(html, "property", "og:url") == ["https://evokewellness.com/insurance/"]
    # A sitemap lists canonical addresses only.
    entries, _ = sitemap_entries(client)
    assert copy.full_url not in entries
    assert other.full_url in entries


def test_a_share_image_is_shared_instead_of_the_hero(client, center, home_page):
    home_page.hero_image = picture("Hero of the home page")
    home_page.share_image = picture("Card for sharing")
    home_page.save_revision().publish()

    html = head(client.get("/"))

    [image] = meta(html, "property", "og:image")
    assert "/card-for-sharing" in image
    assert ".fill-1200x630." in image
    assert meta(html, "name", "twitter:image") == [image]
    assert meta(html, "property", "og:image:alt") == ["Card for sharing, described"]
    assert meta(html, "name", "twitter:card") == ["summary_large_image"]


def test_without_a_share_image_the_hero_is_shared(client, center, home_page):
    home_page.hero_image = picture("Hero of the home page")
    home_page.save_revision().publish()

    [image] = meta(head(client.get("/")), "property", "og:image")

    assert "/hero-of-the-home-page" in image


def test_a_share_image_costs_a_bounded_number_of_queries(
    client, center, home_page, django_assert_max_num_queries
):
    plain = make_standard_page(home_page, "Plain page")
    shared = make_standard_page(
        home_page, "Shared page", share_image=picture("Card for sharing")
    )
    client.get(plain.url)
    client.get(shared.url)  # creates the rendition once
    with django_assert_max_num_queries(100) as plain_queries:
        client.get(plain.url)

    with django_assert_max_num_queries(len(plain_queries) + 2):
        client.get(shared.url)
