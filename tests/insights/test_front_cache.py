"""A page Varnish serves from its cache is still counted: the beacon is a POST,
which always reaches the site, and the cached page names its own page."""

import re
import urllib.parse
import urllib.request

from tests.varnish import SITE_HOST, get, site_pages, varnish, varnishd  # noqa: F401

from .conftest import BROWSER, counted

SCRIPT = re.compile(
    r'<script src="[^"]*insights/beacon[^"]*\.js" defer '
    r'data-endpoint="(?P<endpoint>[^"]+)" data-page="(?P<page>\d+)"'
)


def post_beacon(url, fields, headers=None):
    """The beacon beacon.js would send from this page, through Varnish."""
    request = urllib.request.Request(  # noqa: S310
        url,
        data=urllib.parse.urlencode(fields).encode(),
        headers={
            "Host": SITE_HOST,
            "User-Agent": BROWSER,
            "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
            **(headers or {}),
        },
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.status, response.headers


def test_a_page_served_from_varnish_is_counted(
    varnish,  # noqa: F811
    site_pages,  # noqa: F811
    shared_redis,
):
    first = get(varnish + "/?utm_source=google")
    second = get(varnish + "/?utm_source=google")
    assert second[1]["X-Cache"] == "HIT"
    for *_, html in (first, second):
        script = SCRIPT.search(html)
        assert script, "the cached page carries the beacon script"
        assert int(script["page"]) == site_pages.pk
        fields = {
            "page": script["page"],
            "path": "/",
            "event": "view",
            "utm_source": "google",
        }
        beacon_status, beacon_headers = post_beacon(
            varnish + script["endpoint"], fields
        )
        assert beacon_status == 204
        assert beacon_headers["X-Cache"] == "MISS"
        assert "Set-Cookie" not in beacon_headers
    assert list(counted(shared_redis).values()) == [2]
    # Varnish passes the browser's wish on: not counted.
    post_beacon(varnish + script["endpoint"], fields, headers={"Sec-GPC": "1"})
    assert list(counted(shared_redis).values()) == [2]
