from django.core.cache import cache

import pytest


@pytest.fixture(autouse=True)
def fresh_cache():
    """Menus are cached; each test starts without another test's menus."""
    cache.clear()
    yield
    cache.clear()
