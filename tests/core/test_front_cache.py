"""A real Varnish with our VCL in front of the live site: cached, passed, purged."""

from django.contrib.auth import get_user_model

from wagtail.models import Site

from core.models import CenterSettings
from tests.varnish import get, site_pages, varnish, varnishd  # noqa: F401


def test_anonymous_pages_are_cached_and_publishing_purges_them(varnish, site_pages):  # noqa: F811
    first = get(varnish + "/")
    assert first[0] == 200 and "Version one" in first[2]
    second = get(varnish + "/")
    assert second[1]["X-Cache"] == "HIT"

    site_pages.hero_heading = "Version two"
    site_pages.save_revision().publish()

    status, headers, html = get(varnish + "/")
    assert "Version two" in html
    assert headers["X-Cache"] == "MISS"


def test_changing_site_settings_clears_every_cached_page(varnish, site_pages):  # noqa: F811
    get(varnish + "/")
    assert get(varnish + "/")[1]["X-Cache"] == "HIT"
    center = CenterSettings.for_site(Site.objects.get())
    center.admissions_phone = "617.555.0134"
    center.save()
    status, headers, html = get(varnish + "/")
    assert "617.555.0134" in html and "866.276.1920" not in html


def test_signed_in_editors_and_posts_always_reach_the_site(varnish, site_pages, client):  # noqa: F811
    user = get_user_model().objects.create_superuser(
        "editor", "e@example.org", "pw-123456"
    )
    client.force_login(user)
    session = client.cookies["sessionid"].value
    get(varnish + "/")
    status, headers, _ = get(varnish + "/", cookie=f"sessionid={session}")
    assert headers["X-Cache"] == "MISS"
    assert get(varnish + "/", cookie=f"sessionid={session}")[1]["X-Cache"] == "MISS"
    assert get(varnish + "/admin/login/")[1]["X-Cache"] == "MISS"
    assert get(varnish + "/admin/login/")[1]["X-Cache"] == "MISS"


def test_campaign_addresses_share_the_page_cached_without_their_tags(
    varnish,  # noqa: F811
    site_pages,  # noqa: F811
):
    assert get(varnish + "/?utm_source=google&utm_campaign=spring")[0] == 200
    assert get(varnish + "/?utm_source=facebook")[1]["X-Cache"] == "HIT"
    assert get(varnish + "/")[1]["X-Cache"] == "HIT"
    assert get(varnish + "/?gclid=abc&utm_medium=cpc")[1]["X-Cache"] == "HIT"
    # Other parameters are other pages (a page of a list).
    assert get(varnish + "/?page=2")[1]["X-Cache"] == "MISS"
    assert get(varnish + "/?page=2&utm_source=google")[1]["X-Cache"] == "HIT"

    site_pages.hero_heading = "Version two"
    site_pages.save_revision().publish()
    status, headers, html = get(varnish + "/?utm_source=google")
    assert "Version two" in html
