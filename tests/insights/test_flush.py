"""flush_insights: the day's counters become daily rows, exactly once."""

import datetime
import io

from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

import pytest

from insights import counting
from insights.models import DailyCount, FlushedBatch

from .conftest import counted, send_beacon


def rows():
    return {
        (row.path, row.event, row.phone, row.utm_source, row.gclid): row.count
        for row in DailyCount.objects.all()
    }


def flush():
    call_command("flush_insights", stdout=io.StringIO())


def visit(home_page, contact_page):
    send_beacon(home_page, utm_source="google", gclid="1")
    send_beacon(home_page, utm_source="google", gclid="1")
    send_beacon(home_page, "call", phone="+18662761920")
    send_beacon(contact_page)
    send_beacon(contact_page, "inquiry_start")
    send_beacon(contact_page, path=contact_page.url + "thank-you/")


def test_flushed_daily_rows_equal_the_counted_beacons(
    shared_redis, home_page, contact_page
):
    visit(home_page, contact_page)
    before = counted(shared_redis)
    flush()
    assert counted(shared_redis) == {}
    today = timezone.localdate()
    assert set(DailyCount.objects.values_list("date", flat=True)) == {today}
    assert {
        (hit.path, hit.event, hit.phone, hit.utm_source, hit.gclid): number
        for hit, number in before.items()
    } == rows()
    assert rows() == {
        ("/", "view", "", "google", True): 2,
        ("/", "call", "+18662761920", "", False): 1,
        ("/contact/", "view", "", "", False): 1,
        ("/contact/", "inquiry_start", "", "", False): 1,
        ("/contact/thank-you/", "inquiry_done", "", "", False): 1,
    }
    assert DailyCount.objects.filter(path="/").first().page_id == home_page.pk


def test_a_second_flush_adds_only_what_came_since(
    shared_redis, home_page, contact_page
):
    visit(home_page, contact_page)
    flush()
    flush()
    send_beacon(home_page, utm_source="google", gclid="1")
    flush()
    assert rows()[("/", "view", "", "google", True)] == 3
    assert DailyCount.objects.aggregate(total=Sum("count"))["total"] == 7


def test_a_flush_that_dies_before_committing_loses_nothing(
    shared_redis, home_page, contact_page, monkeypatch
):
    visit(home_page, contact_page)

    def dies(*args, **kwargs):
        raise RuntimeError("killed")

    with monkeypatch.context() as patched:
        patched.setattr(counting, "add_to_rows", dies)
        with pytest.raises(RuntimeError):
            counting.flush()
    assert not DailyCount.objects.exists()
    # Beacons keep coming meanwhile, into a new hash for the day.
    send_beacon(home_page, utm_source="google", gclid="1")
    flush()
    assert rows()[("/", "view", "", "google", True)] == 3
    assert DailyCount.objects.aggregate(total=Sum("count"))["total"] == 7


def test_a_flush_that_dies_after_committing_counts_nothing_twice(
    shared_redis, home_page, contact_page, monkeypatch
):
    visit(home_page, contact_page)
    client = counting.redis_client()

    def dies(*keys):
        raise ConnectionError("Redis went away")

    with monkeypatch.context() as patched:
        patched.setattr(client, "delete", dies)
        with pytest.raises(ConnectionError):
            counting.flush(client)
    assert DailyCount.objects.aggregate(total=Sum("count"))["total"] == 6
    flush()
    assert DailyCount.objects.aggregate(total=Sum("count"))["total"] == 6
    assert list(shared_redis.scan_iter(match=f"{counting.key_prefix()}*batch*")) == []


def test_counts_stay_on_the_day_they_were_made(shared_redis, home_page):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    shared_redis.hincrby(
        counting.day_key(yesterday),
        counting.Hit(page_id=home_page.pk, path="/", event="view").field(),
        4,
    )
    send_beacon(home_page)
    flush()
    assert dict(DailyCount.objects.values_list("date", "count")) == {
        yesterday: 4,
        timezone.localdate(): 1,
    }


def test_old_flush_records_are_forgotten(shared_redis, db):
    old = FlushedBatch.objects.create(
        key="old", flushed_at=timezone.now() - datetime.timedelta(days=30)
    )
    flush()
    assert not FlushedBatch.objects.filter(pk=old.pk).exists()


def test_the_scheduler_flushes_every_ten_minutes():
    from core.management.commands.run_scheduler import JOBS

    assert (("flush_insights",), 10) in JOBS


def test_a_flush_without_redis_has_nothing_to_move(settings, db):
    settings.INSIGHTS_REDIS_URL = ""
    output = io.StringIO()
    call_command("flush_insights", stdout=output)
    assert "0 counted events" in output.getvalue()
