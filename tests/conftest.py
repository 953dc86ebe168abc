from django.core.cache import cache

from wagtail.models import Site

import pytest

from core import fragments
from core.models import CenterSettings
from home.models import HomePage
from people.models import Person
from tests.articles.conftest import make_picture
from tests.tools import ensure_page_tree_root


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts as a freshly started site: its database is new, so
    nothing cached from another test's content may answer for it."""
    cache.clear()
    fragments.local_copies.clear()


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
