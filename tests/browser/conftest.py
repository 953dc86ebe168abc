"""A real Chromium, driven by Playwright, against the demo site on a live server.

The demo content is loaded once for the whole browser package and snapshotted
with Django's own serialized-rollback machinery: every browser test is a
transactional test (the live server runs in another thread, so data must be
committed), its database is flushed afterwards, and the snapshot is restored
before the next one. Restoring a snapshot takes a fraction of the time that
loading the demo content (generating its images) does.
"""

import io
import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections

import pytest
from playwright.sync_api import sync_playwright

from tests.tools import content_types_first, require

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def _restore(connection, snapshot):
    ContentType.objects.clear_cache()
    connection.creation.deserialize_db_from_string(content_types_first(snapshot))
    ContentType.objects.clear_cache()


def _flush(connection):
    call_command(
        "flush",
        verbosity=0,
        interactive=False,
        database=connection.alias,
        reset_sequences=False,
        inhibit_post_migrate=True,
    )


@pytest.fixture(scope="package", autouse=True)
def _allow_db_beside_playwright():
    # Playwright's sync API keeps an event loop in the main thread, which makes
    # Django refuse ORM calls there as if they came from async code.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def pristine_database(django_db_setup):
    """The freshly migrated database, as django_db_setup serialized it.

    Read before Playwright starts (see demo_content): the connection that
    holds it is the main thread's own.
    """
    return connections[DEFAULT_DB_ALIAS]._test_serialized_contents


@pytest.fixture(scope="package", autouse=True)
def demo_content(pristine_database, browser, live_server, django_db_blocker):
    """Load the demo content once; each test starts from a copy of it.

    Loaded for the live server's address, as `make run` loads it for its own:
    with two centers, links in rich text are full addresses at each site's
    hostname and port.

    django_db_setup serialized the freshly migrated database because these
    tests ask for serialized rollback. That pristine copy is swapped for one
    with the demo content while this package runs, and put back afterwards.

    It needs the browser started first: Playwright runs an event loop in the
    main thread, and from then on Django hands out database connections per
    async context, so the snapshot must sit on the connection the tests use.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    with django_db_blocker.unblock():
        # Earlier transactional tests may have left anything behind.
        _flush(connection)
        _restore(connection, pristine_database)
        call_command(
            "load_demo_content",
            "--address",
            urlsplit(live_server.url).netloc,
            stdout=io.StringIO(),
        )
        # Django restores this before each test (serialized rollback).
        connection._test_serialized_contents = content_types_first(
            connection.creation.serialize_db_to_string()
        )
        _flush(connection)
    yield
    # Leave the freshly migrated database for the tests after this package.
    with django_db_blocker.unblock():
        _flush(connection)
        _restore(connection, pristine_database)
    # Same data; content types first keeps later restores safe with a cold cache.
    connection._test_serialized_contents = content_types_first(pristine_database)
    # This connection belongs to Playwright's async context and outlives it:
    # left open, PostgreSQL refuses to drop the test database at the end.
    connection.close()


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The cache outlives each test's database (and counts inquiry posts per
    # address for the rate limit): every test starts with none of it.
    cache.clear()


@pytest.fixture(scope="package")
def browser(_allow_db_beside_playwright):
    require(
        CHROMIUM.exists(),
        f"The browser tests need Debian's Chromium at {CHROMIUM}: "
        "install it with `sudo apt-get install chromium`.",
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class NetworkLog:
    """Every URL the page asked for, to prove nothing came from another host."""

    def __init__(self, own_origin):
        self.own_netloc = urlsplit(own_origin).netloc
        self.urls = []

    def record(self, request):
        self.urls.append(request.url)

    def foreign(self):
        return [
            url
            for url in self.urls
            if urlsplit(url).scheme in {"http", "https", "ws", "wss"}
            and urlsplit(url).netloc != self.own_netloc
        ]


@pytest.fixture
def network(live_server):
    return NetworkLog(live_server.url)


@pytest.fixture
def context(browser, network):
    context = browser.new_context(viewport=PHONE, service_workers="block")
    context.on("request", network.record)
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


def screenshot(page, name):
    """Write a full-page screenshot into the git-ignored artifacts folder."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    path = SCREENSHOTS / f"{name}-{size['width']}x{size['height']}.png"
    # Lazy images load only once scrolled near: scroll down once, then wait.
    page.evaluate(
        """async () => {
            for (let y = 0; y < document.body.scrollHeight; y += innerHeight) {
                window.scrollTo(0, y);
                await new Promise((resolve) => setTimeout(resolve, 30));
            }
            window.scrollTo(0, 0);
            await Promise.all([...document.images].map((img) => img.decode()
                .catch(() => null)));
        }"""
    )
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture(scope="session")
def vnu_jar():
    """The Nu HTML Checker, installed from package.json (`npm ci`), run by Java."""
    jar = ARTIFACTS.parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    require(
        shutil.which("java") is not None,
        "HTML validation needs Java: install it with `sudo apt-get install "
        "default-jre-headless`.",
    )
    require(
        jar.exists(),
        "HTML validation needs the Nu HTML Checker: run `npm ci --ignore-scripts` "
        "in the project folder.",
    )
    return jar
