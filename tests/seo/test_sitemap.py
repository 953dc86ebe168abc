import re

from django.test import override_settings
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from tests.pages import make_standard_page

pytestmark = pytest.mark.django_db


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    xml = response.content.decode()
    return dict(
        re.findall(r"<url><loc>([^<]*)</loc><lastmod>([^<]*)</lastmod>", xml)
    ), xml


def test_sitemap_lists_every_live_public_page_with_lastmod(
    client, center, home_page, reviewed_article
):
    about = make_standard_page(home_page, "About us")
    never_published = make_standard_page(home_page, "Coming soon")
    never_published.unpublish()
    withdrawn = make_standard_page(home_page, "Old programme")
    withdrawn.unpublish()
    private = make_standard_page(home_page, "Staff only")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    below_private = make_standard_page(private, "Rota")

    entries, xml = sitemap_entries(client)

    assert set(entries) == {
        "http://localhost/",
        "http://localhost/articles/",
        "http://localhost/articles/heroin-and-depression/",
        about.full_url,
    }
    about.refresh_from_db()
    published_on = timezone.localtime(about.last_published_at).date()
    assert entries[about.full_url] == published_on.isoformat()
    for hidden in (never_published, withdrawn, private, below_private):
        assert hidden.slug not in xml


def test_sitemap_leaves_out_a_draft_page(client, center, home_page):
    from standard_pages.models import StandardPage

    draft = StandardPage(title="Draft", slug="draft", live=False)
    home_page.add_child(instance=draft)
    draft.save_revision()

    entries, _ = sitemap_entries(client)

    assert set(entries) == {"http://localhost/"}


def test_sitemap_leaves_out_pages_marked_noindex(client, center, home_page):
    shown = make_standard_page(home_page, "About us")
    hidden = make_standard_page(home_page, "Careers", noindex=True)

    entries, _ = sitemap_entries(client)

    assert shown.full_url in entries
    assert hidden.full_url not in entries


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_names_the_sitemap(client, site):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /search/" in lines
    assert "Sitemap: http://localhost/sitemap.xml" in lines


@override_settings(WAGTAIL_ADMIN_PATH="staff-entrance/")
def test_robots_txt_follows_the_configured_admin_path(client, site):
    lines = client.get("/robots.txt").content.decode().splitlines()

    assert "Disallow: /staff-entrance/" in lines
    assert "Disallow: /admin/" not in lines
