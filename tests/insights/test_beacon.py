"""The beacon as visitors' browsers send it: counted once, or not at all."""

from django.test import Client

import pytest

from insights import counting
from insights.models import DailyCount

from .conftest import BROWSER, counted, send_beacon

Event = DailyCount.Event


def only_hit(client):
    hits = counted(client)
    assert list(hits.values()) == [1], hits
    return next(iter(hits))


def test_a_page_view_is_counted_once_with_its_campaign(shared_redis, home_page):
    response = send_beacon(
        home_page,
        utm_source="google",
        utm_medium="cpc",
        utm_campaign="spring",
        gclid="1",
        ref="www.google.com",
    )
    assert response.status_code == 204
    hit = only_hit(shared_redis)
    assert hit == counting.Hit(
        page_id=home_page.pk,
        path="/",
        event=Event.VIEW,
        utm_source="google",
        utm_medium="cpc",
        utm_campaign="spring",
        gclid=True,
        referrer_domain="www.google.com",
    )


def test_the_beacon_sets_no_cookie_and_is_never_cached(shared_redis, home_page):
    response = send_beacon(home_page)
    assert response.cookies == {}
    assert "no-cache" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_a_call_tap_is_counted_per_page_and_number(shared_redis, home_page):
    send_beacon(home_page, "call", phone="+18662761920")
    send_beacon(home_page, "call", phone="988")
    send_beacon(home_page, "call", phone="+18662761920")
    hits = counted(shared_redis)
    by_number = {hit.phone: number for hit, number in hits.items()}
    assert by_number == {"+18662761920": 2, "988": 1}
    assert {hit.event for hit in hits} == {Event.CALL}


def test_a_thank_you_page_view_counts_as_an_inquiry_sent(shared_redis, contact_page):
    send_beacon(contact_page, "view", path=contact_page.url + "thank-you/")
    send_beacon(contact_page, "inquiry_start")
    assert {hit.event for hit in counted(shared_redis)} == {
        Event.INQUIRY_DONE,
        Event.INQUIRY_START,
    }


@pytest.mark.parametrize(
    "headers",
    [{"Sec-GPC": "1"}, {"DNT": "1"}],
    ids=["global-privacy-control", "do-not-track"],
)
def test_a_browser_asking_not_to_be_tracked_is_not_counted(
    shared_redis, home_page, headers
):
    assert send_beacon(home_page, headers=headers).status_code == 204
    assert counted(shared_redis) == {}


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131.0",
        "curl/8.5.0",
        "python-requests/2.32",
        "",
    ],
)
def test_known_bots_are_not_counted(shared_redis, home_page, agent):
    assert send_beacon(home_page, headers={"User-Agent": agent}).status_code == 204
    assert counted(shared_redis) == {}


@pytest.mark.parametrize(
    "fields",
    [
        {"event": "purchase"},
        {"path": "/?email=someone@example.org"},
        {"path": "/" + "a" * 300},
        {"path": "/somewhere-else/"},
        {"path": "/contact/no-such-route/"},
        {"path": "/made-up-under-the-home-page/"},
        {"path": "/caf\u00e9/"},
        {"page": "999999"},
        {"page": "not-a-number"},
        {"event": "call", "phone": "call me"},
    ],
)
def test_a_beacon_that_is_not_one_of_ours_is_not_counted(
    shared_redis, home_page, contact_page, fields
):
    page = (
        contact_page if fields.get("path", "").startswith(("/s", "/c")) else home_page
    )
    assert send_beacon(page, **fields).status_code == 204
    assert counted(shared_redis) == {}


def test_odd_campaign_tags_and_referrers_are_dropped_not_stored(
    shared_redis, home_page
):
    send_beacon(
        home_page,
        utm_source="<script>",
        utm_medium="\u00e9t\u00e9",
        ref="not a domain/",
    )
    hit = only_hit(shared_redis)
    assert hit.utm_source == hit.utm_medium == hit.referrer_domain == ""


def test_a_draft_or_private_page_is_not_counted(shared_redis, home_page):
    home_page.unpublish()
    send_beacon(home_page)
    assert counted(shared_redis) == {}


@pytest.mark.fault("outage")
def test_the_endpoint_answers_204_with_redis_down(settings, home_page):
    from tests.tools import free_port

    settings.INSIGHTS_REDIS_URL = f"redis://127.0.0.1:{free_port()}/0"
    assert send_beacon(home_page).status_code == 204


@pytest.mark.fault("outage")
def test_the_endpoint_answers_204_with_the_database_down(
    shared_redis, home_page, monkeypatch
):
    from django.db import OperationalError

    def database_down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(counting.Page.objects, "live", database_down)
    assert send_beacon(home_page).status_code == 204
    assert counted(shared_redis) == {}


def test_one_client_is_rate_limited(shared_redis, home_page, settings):
    settings.INSIGHTS_RATE_LIMIT = (3, 600)
    for _ in range(5):
        send_beacon(home_page)
    assert sum(counted(shared_redis).values()) == 3


def test_the_beacon_refuses_a_get(shared_redis, home_page):
    response = Client().get("/insights/beacon/", headers={"User-Agent": BROWSER})
    assert response.status_code == 405
    assert counted(shared_redis) == {}


def test_without_redis_one_machine_counts_into_the_rows(settings, home_page):
    settings.INSIGHTS_REDIS_URL = ""
    send_beacon(home_page)
    send_beacon(home_page)
    assert list(DailyCount.objects.values_list("path", "event", "count")) == [
        ("/", "view", 2)
    ]


def test_an_ad_burst_of_beacons_reads_no_database(
    shared_redis, home_page, committed, django_assert_num_queries
):
    # The page's address and type are kept for the content generation.
    send_beacon(home_page)
    with django_assert_num_queries(0):
        for _ in range(5):
            assert send_beacon(home_page).status_code == 204
    assert list(counted(shared_redis).values()) == [6]
    # Withdrawing the page retires what was kept: its beacons stop counting.
    with committed():
        home_page.unpublish()
    send_beacon(home_page)
    assert list(counted(shared_redis).values()) == [6]
