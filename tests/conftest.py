import functools

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.utils import translation

from wagtail.models import Site

import pytest

from core import generation, languages
from core.models import CenterSettings
from home.models import HomePage
from people.models import Person
from tests.articles.conftest import make_picture
from tests.tools import content_types_first, ensure_page_tree_root


def pytest_collection_modifyitems(config, items):
    """Every test that commits restores the migrated database afterwards.

    A transactional test without serialized rollback is flushed with the
    post_migrate signal, which creates content types and permissions under new
    ids; a serialized-rollback test that runs next in the same process (as
    pytest-xdist may order them) then fails restoring its own.
    """
    unsafe = []
    for item in items:
        marker = item.get_closest_marker("django_db")
        fixtures = item.fixturenames
        commits = (marker and marker.kwargs.get("transaction")) or (
            "transactional_db" in fixtures or "live_server" in fixtures
        )
        if marker and "transaction" in marker.kwargs:
            restores = marker.kwargs.get("serialized_rollback", False)
        else:
            restores = "django_db_serialized_rollback" in fixtures
        if commits and not restores:
            unsafe.append(item.nodeid)
    if unsafe:
        raise pytest.UsageError(
            "Transactional tests must use serialized rollback "
            "(django_db(transaction=True, serialized_rollback=True) or the "
            "django_db_serialized_rollback fixture): " + ", ".join(unsafe)
        )


@pytest.fixture(scope="session", autouse=True)
def _restore_content_types_first(django_db_setup):
    """Serialized rollback restores the migrated database content types first
    (see content_types_first)."""
    for connection in connections.all():
        # Django's own snapshot, kept only when some test asks to restore it.
        snapshot = getattr(connection, "_test_serialized_contents", None)
        if snapshot:
            connection._test_serialized_contents = content_types_first(snapshot)


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts as a freshly started site: its database is new, so
    nothing cached from another test's content may answer for it."""
    cache.clear()
    # A request to a Spanish page leaves Spanish active in this thread, as a
    # server thread's next request would reset it; each test starts in English.
    translation.activate(settings.LANGUAGE_CODE)
    generation.local_copies.clear()
    # Locale ids come from this test's database, not the last one's.
    languages.forget_locales()
    generation.state.unreachable_until = 0.0
    generation.state.bump_owed = False


@pytest.fixture
def home_page(db):
    """A published home page at the root of the default site (no demo content)."""
    root = ensure_page_tree_root()
    home = HomePage(
        title="Evoke Wellness at Waltham", slug="evoke-home", hero_text="Help is here."
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True
    )
    return home


@pytest.fixture
def site(home_page):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def center(site):
    settings = CenterSettings.for_site(site)
    settings.save()
    return settings


@pytest.fixture
def reviewer(db):
    """A medical reviewer with credentials, role, bio and photo."""
    return Person.objects.create(
        name="Dana Reyes",
        credentials="MD",
        role="Medical Director",
        bio="Board-certified in addiction medicine.",
        photo=make_picture("Dana Reyes portrait"),
    )


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed(): change()` makes a change as a request or command
    does: what waits for its transaction to commit (the content generation's
    bump, front-cache purges) runs at the end of the block."""
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


COHASSET_HOST = "cohasset.localhost"


def add_center(name, hostname, phone, slug):
    """A second center: its own site (hostname), home page and details."""
    root = ensure_page_tree_root()
    home = HomePage(title=name, slug=slug, hero_text="Help is here.")
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.create(
        hostname=hostname, port=80, root_page=home, site_name=name
    )
    CenterSettings.objects.create(
        site=site, center_name=name, admissions_phone=phone, address=name
    )
    return site


@pytest.fixture
def cohasset(site):
    """Evoke Wellness at Cohasset beside the default center, at COHASSET_HOST."""
    return add_center(
        "Evoke Wellness at Cohasset", COHASSET_HOST, "+18669316429", "cohasset-home"
    )
