import os
import uuid

from django.core.cache import cache
from django.test import Client

import pytest
import redis

from insights import counting
from tests.contact.conftest import contact_page  # noqa: F401 (a fixture)
from tests.tools import require

# A database number of the suite's own on the machine's Redis; each test gets
# its own key prefix there, so parallel workers never see each other's counts.
TEST_REDIS_URL = os.environ.get("INSIGHTS_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def shared_redis(settings):
    """The Redis the counts go to, with keys of this test's own."""
    client = redis.Redis.from_url(TEST_REDIS_URL)
    try:
        client.ping()
    except redis.RedisError:
        require(False, f"The insights tests need Redis at {TEST_REDIS_URL}.")
    prefix = f"test-insights:{uuid.uuid4().hex}:"
    settings.INSIGHTS_REDIS_URL = TEST_REDIS_URL
    settings.INSIGHTS_KEY_PREFIX = prefix
    yield client
    for key in client.scan_iter(match=f"{prefix}*"):
        client.delete(key)


def counted(client):
    """Every Hit counted in Redis so far, with its number, over all days."""
    hits = {}
    for key in client.scan_iter(match=f"{counting.key_prefix()}day:*"):
        for field, number in client.hgetall(key).items():
            hit = counting.Hit.from_field(field.decode())
            hits[hit] = hits.get(hit, 0) + int(number)
    return hits


def send_beacon(target, event="view", path=None, headers=None, **fields):
    """POST a beacon as beacon.js sends it from a browser, without cookies."""
    data = {
        "page": str(target.pk),
        "path": target.url if path is None else path,
        "event": event,
        "utm_source": "",
        "utm_medium": "",
        "utm_campaign": "",
        "gclid": "0",
        "ref": "",
        **fields,
    }
    all_headers = {"User-Agent": BROWSER, **(headers or {})}
    return Client().post("/insights/beacon/", data, headers=all_headers)
