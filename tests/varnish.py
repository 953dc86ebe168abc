"""A real Varnish with our VCL in front of the live site, for front-cache tests.

One varnishd serves all the tests of a module that imports these fixtures
(`from tests.varnish import site_pages, varnish, varnishd  # noqa: F401`):
starting it compiles the VCL. Each test starts with it empty.
"""

import contextlib
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.test import override_settings

from wagtail.models import Site

import pytest

from core import frontend_cache
from core.models import CenterSettings
from home.models import HomePage
from tests.tools import ensure_page_tree_root, free_port, require_program

ROOT = Path(__file__).resolve().parents[1]
# The default site's hostname: Varnish keeps pages per host, and the
# application purges with the hostname of the page's site.
SITE_HOST = "localhost"


class NotFollowingRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def get(url, cookie=None, method="GET", data=None, host=SITE_HOST):
    """Status, headers and text of one request as a browser sends it to `host`
    (redirects are answers of their own, not followed)."""
    headers = {"Host": host}
    if cookie:
        headers["Cookie"] = cookie
    request = urllib.request.Request(url, headers=headers, method=method, data=data)  # noqa: S310
    opener = urllib.request.build_opener(NotFollowingRedirects)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read().decode()


def status_of(url):
    """The status of `url`, or None while nothing listens there."""
    with contextlib.suppress(OSError, urllib.error.URLError):
        return get(url)[0]
    return None


@pytest.fixture(scope="session")
def varnishd(django_db_setup, django_db_blocker, live_server):
    """(address, working directory) of a varnishd in front of the live server.

    Started once the test database exists: the site's health check reads it,
    and Varnish answers 503 until that check has passed."""
    program = require_program("/usr/sbin/varnishd", "apt-get install varnish")
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
                program,
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
        deadline = time.monotonic() + 30
        with django_db_blocker.unblock():
            while status_of(url + "/healthz") != 200:
                if time.monotonic() > deadline:
                    process.terminate()
                    pytest.fail("Varnish did not reach the live server", pytrace=False)
                time.sleep(0.2)
        try:
            yield url, workdir
        finally:
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture
def varnish(varnishd, transactional_db, django_db_serialized_rollback):
    """The front cache's address, empty, with the application purging it."""
    url, workdir = varnishd
    # The previous test's pages came from a database since flushed.
    subprocess.run(
        [
            require_program("/usr/bin/varnishadm", "apt-get install varnish"),
            "-n",
            workdir,
            "ban",
            "obj.status != 0",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    frontend_cache.forget_pending()
    with override_settings(
        WAGTAILFRONTENDCACHE={
            "varnish": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": url,
            }
        }
    ):
        yield url


@pytest.fixture
def site_pages(transactional_db, django_db_serialized_rollback):
    """The home page of the default site (SITE_HOST), with its settings."""
    root = ensure_page_tree_root()
    home = HomePage(
        title="Evoke Wellness", slug="evoke-home", hero_heading="Version one"
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    site = Site.objects.create(
        hostname=SITE_HOST, port=80, root_page=home, is_default_site=True
    )
    CenterSettings.for_site(site).save()
    return home
