"""A real Varnish with our VCL in front of the live site: cached, passed, purged."""

import contextlib
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.contrib.auth import get_user_model
from django.test import override_settings

from wagtail.models import Site

import pytest

from core.models import CenterSettings
from home.models import HomePage
from tests.tools import ensure_page_tree_root, free_port, require_program

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def varnish(live_server):
    varnishd = require_program("/usr/sbin/varnishd", "apt-get install varnish")
    backend_port = live_server.url.rsplit(":", 1)[1]
    vcl = (ROOT / "deploy" / "varnish" / "default.vcl").read_text()
    vcl = vcl.replace('.host = "web";', '.host = "127.0.0.1";').replace(
        '.port = "8000";', f'.port = "{backend_port}";'
    )
    port = free_port()
    with tempfile.TemporaryDirectory() as workdir:
        vcl_path = Path(workdir) / "site.vcl"
        vcl_path.write_text(vcl)
        process = subprocess.Popen(
            [
                varnishd,
                "-F",
                "-j",
                "none",
                "-n",
                workdir,
                "-a",
                f"127.0.0.1:{port}",
                "-f",
                str(vcl_path),
                "-s",
                "malloc,32m",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError, urllib.error.URLError):
                get(url + "/healthz")
                break
            time.sleep(0.2)
        try:
            with override_settings(
                WAGTAILFRONTENDCACHE={
                    "varnish": {
                        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                        "LOCATION": url,
                    }
                }
            ):
                yield url
        finally:
            process.terminate()
            process.wait(timeout=10)


def get(url, cookie=None, method="GET", data=None):
    headers = {"Cookie": cookie} if cookie else {}
    request = urllib.request.Request(url, headers=headers, method=method, data=data)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.fixture
def site_pages(transactional_db):
    root = ensure_page_tree_root()
    home = HomePage(
        title="Evoke Wellness", slug="evoke-home", hero_heading="Version one"
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    site = Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True
    )
    CenterSettings.for_site(site).save()
    return home


def test_anonymous_pages_are_cached_and_publishing_purges_them(varnish, site_pages):
    first = get(varnish + "/")
    assert first[0] == 200 and "Version one" in first[2]
    second = get(varnish + "/")
    assert second[1]["X-Cache"] == "HIT"

    site_pages.hero_heading = "Version two"
    site_pages.save_revision().publish()

    status, headers, html = get(varnish + "/")
    assert "Version two" in html
    assert headers["X-Cache"] == "MISS"


def test_changing_site_settings_clears_every_cached_page(varnish, site_pages):
    get(varnish + "/")
    assert get(varnish + "/")[1]["X-Cache"] == "HIT"
    center = CenterSettings.for_site(Site.objects.get())
    center.admissions_phone = "617.555.0134"
    center.save()
    status, headers, html = get(varnish + "/")
    assert "617.555.0134" in html and "866.276.1920" not in html


def test_signed_in_editors_and_posts_always_reach_the_site(varnish, site_pages, client):
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
    varnish, site_pages
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
