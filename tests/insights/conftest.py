import datetime
import os
import uuid

from django.core.cache import cache
from django.test import Client
from django.utils import timezone

import pytest
import redis

from contact.models import Inquiry
from insights import counting
from insights.models import DailyCount
from tests.contact.conftest import (
    contact_page,  # noqa: F401 (a fixture)
    make_inquiry,
    make_staff,
)
from tests.tools import require

# A database number of the suite's own on the machine's Redis; each test gets
# its own key prefix there, so parallel workers never see each other's counts.
TEST_REDIS_URL = os.environ.get("INSIGHTS_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)

Event = DailyCount.Event
# The reports count back from today; every date here is relative to it.
TODAY = timezone.localdate()


def at(day, hour=10, minute=0):
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(hour, minute))
    )


def days_ago(number):
    return TODAY - datetime.timedelta(days=number)


@pytest.fixture
def seeded(home_page, contact_page):  # noqa: F811
    """Two weeks of counts and inquiries: a spring Google campaign and no campaign."""
    spring = {"utm_source": "google", "utm_medium": "cpc", "utm_campaign": "spring"}
    rows = [
        (days_ago(1), home_page, "/", Event.VIEW, {}, 400),
        (days_ago(1), home_page, "/", Event.VIEW, spring, 600),
        (days_ago(1), home_page, "/", Event.CALL, spring, 9),
        (days_ago(2), contact_page, "/contact/", Event.VIEW, {}, 200),
        (days_ago(2), contact_page, "/contact/", Event.INQUIRY_START, {}, 14),
        (days_ago(2), contact_page, "/contact/thank-you/", Event.INQUIRY_DONE, {}, 9),
        (days_ago(40), home_page, "/", Event.VIEW, {}, 5000),  # before the period
    ]
    for day, page, path, event, tags, number in rows:
        DailyCount.objects.create(
            date=day, page=page, path=path, event=event, count=number, **tags
        )
    for index in range(7):
        make_inquiry(
            source_page=home_page,
            created_at=at(days_ago(1), 9, index),
            status=Inquiry.Status.ADMITTED if index < 2 else Inquiry.Status.NEW,
            **spring,
        )
    for index in range(3):
        make_inquiry(source_page=contact_page, created_at=at(days_ago(2), 14, index))
    make_inquiry(source_page=contact_page, status=Inquiry.Status.SPAM)
    make_inquiry(source_page=home_page, created_at=at(days_ago(40)))
    return home_page, contact_page


@pytest.fixture
def marketer(db, django_user_model):
    return make_staff(django_user_model, "marketer", "Marketing editors")


@pytest.fixture
def admissions(db, django_user_model):
    return make_staff(django_user_model, "admissions", "Admissions")


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
