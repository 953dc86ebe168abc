"""Counting without trackers, in a real Chromium: what a visit counts, what a
browser that asks not to be tracked counts (nothing), what cookies a visitor
gets, and the two reports as their readers meet them (axe-core)."""

import datetime
import re
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, Site

import pytest
from playwright.sync_api import expect

from contact.groups import ADMISSIONS, MARKETING_EDITORS
from contact.models import Inquiry
from insights.models import DailyCount
from tests.browser.admin import sign_in_to_admin
from tests.contact.conftest import make_inquiry
from tests.insights.conftest import BROWSER, counted, shared_redis  # noqa: F401

from .conftest import DESKTOP, PHONE
from .site_pages import site_path
from .test_pages import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a-long-staff-password"
# Headless Chromium says so in its User-Agent, which the beacon takes for a bot.
# A person's browser does not; these contexts say what a person's would.
STOP_CALLS = """
window.addEventListener("click", function (event) {
  if (event.target.closest('a[href^="tel:"]')) event.preventDefault();
}, true);
"""
GLOBAL_PRIVACY_CONTROL = """
Object.defineProperty(Navigator.prototype, "globalPrivacyControl", {
  get: function () { return true; },
});
"""


def live_page(model):
    app_label, model_name = model.split(".")
    return (
        Page.objects.live()
        .filter(content_type__app_label=app_label, content_type__model=model_name)
        .order_by("path")
        .first()
        .specific
    )


@pytest.fixture
def visitor(browser, network):
    context = browser.new_context(
        viewport=PHONE, user_agent=BROWSER, service_workers="block"
    )
    context.on("request", network.record)
    context.set_default_timeout(10_000)
    context.add_init_script(STOP_CALLS)
    yield context
    context.close()


def beacons(network):
    return [url for url in network.urls if url.endswith("/insights/beacon/")]


def wait_for(client, expected, seconds=5):
    """The counts in Redis once they equal `expected` (or after `seconds`)."""
    deadline = time.monotonic() + seconds
    while True:
        events = {
            (hit.path, hit.event, hit.phone): number
            for hit, number in counted(client).items()
        }
        if events == expected or time.monotonic() > deadline:
            return events
        time.sleep(0.1)


def test_a_family_reading_calling_and_writing_is_counted_once_each(
    visitor,
    live_server,
    shared_redis,  # noqa: F811
    network,
    settings,
):
    settings.INQUIRY_MIN_FILL_SECONDS = 0
    page = visitor.new_page()
    contact = live_page("contact.contactpage")
    page.goto(live_server.url + "/?utm_source=newsletter&utm_campaign=spring")
    assert wait_for(shared_redis, {("/", "view", ""): 1}) == {("/", "view", ""): 1}

    call = page.locator('main a[href^="tel:"]').first
    number = call.get_attribute("href")[4:]
    call.click()
    page.goto(live_server.url + site_path(contact))
    page.get_by_label("Your name").fill("Sam Rivera")
    page.get_by_role("textbox", name="Email address").fill("sam@example.com")
    page.get_by_label("A loved one").check()
    page.get_by_label(re.compile("admissions team may contact me")).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Send my inquiry").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you")

    expected = {
        ("/", "view", ""): 1,
        ("/", "call", number): 1,
        (site_path(contact), "view", ""): 1,
        (site_path(contact), "inquiry_start", ""): 1,
        (site_path(contact) + "thank-you/", "inquiry_done", ""): 1,
    }
    assert wait_for(shared_redis, expected) == expected
    # The campaign came with the first page and is remembered for this tab only.
    assert {hit.utm_source for hit in counted(shared_redis)} == {"newsletter"}
    # Only this site was asked for anything, and nothing identifies the visitor.
    assert network.foreign() == []
    assert {cookie["name"] for cookie in visitor.cookies()} <= {"csrftoken"}
    assert page.evaluate("Object.keys(window.localStorage)") == []
    assert Inquiry.objects.filter(email="sam@example.com").exists()


def test_a_browser_sending_global_privacy_control_sends_nothing(
    visitor,
    live_server,
    shared_redis,  # noqa: F811
    network,
):
    visitor.add_init_script(GLOBAL_PRIVACY_CONTROL)
    page = visitor.new_page()
    page.goto(live_server.url + "/")
    page.locator('main a[href^="tel:"]').first.click()
    page.wait_for_timeout(500)
    assert beacons(network) == []
    assert counted(shared_redis) == {}


def test_headless_chromium_as_it_comes_is_taken_for_a_bot(
    page,
    live_server,
    shared_redis,  # noqa: F811
    network,
):
    page.goto(live_server.url + "/")
    page.wait_for_timeout(500)
    assert len(beacons(network)) == 1
    assert counted(shared_redis) == {}


def test_no_public_page_sets_a_cookie_but_the_form_s_csrf_cookie(
    visitor,
    live_server,
    shared_redis,  # noqa: F811
):
    page = visitor.new_page()
    # The first center's pages, at the live server's address.
    home = Site.objects.get(is_default_site=True).root_page
    pages = Page.objects.live().descendant_of(home, inclusive=True)[:40]
    for wagtail_page in pages:
        response = page.goto(
            live_server.url + site_path(wagtail_page.specific),
            wait_until="domcontentloaded",
            timeout=30_000,
        )
        assert response.status < 400, wagtail_page.url
    names = {cookie["name"] for cookie in visitor.cookies()}
    assert names <= {"csrftoken"}, names


def staff(username, group):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.com", PASSWORD
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def seed_reports():
    home = Site.objects.get(is_default_site=True).root_page
    today = timezone.localdate()
    for days in range(20):
        DailyCount.objects.create(
            date=today - datetime.timedelta(days=days),
            page=home,
            path="/",
            event=DailyCount.Event.VIEW,
            utm_source="google" if days % 2 else "",
            count=100 + days,
        )
        DailyCount.objects.create(
            date=today - datetime.timedelta(days=days),
            page=home,
            path="/",
            event=DailyCount.Event.CALL,
            phone="+18662761920",
            count=days % 4,
        )
    now = timezone.now()
    for hours in range(0, 200, 9):
        inquiry = make_inquiry(
            source_page=home,
            created_at=now - datetime.timedelta(hours=hours),
            is_urgent=hours == 18,
        )
        if hours % 2:
            inquiry.status = Inquiry.Status.CONTACTED
            inquiry.save()
            Inquiry.objects.filter(pk=inquiry.pk).update(
                first_responded_at=inquiry.created_at + datetime.timedelta(hours=2)
            )


@pytest.mark.parametrize(
    ("group", "url_name", "heading"),
    [
        (MARKETING_EDITORS, "insights_marketing", "Campaigns"),
        (ADMISSIONS, "insights_admissions", "Waiting for a first response"),
    ],
    ids=["marketing", "admissions"],
)
def test_each_report_is_accessible_to_its_readers(
    browser, live_server, group, url_name, heading
):
    seed_reports()
    staff("reader", group)
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    sign_in_to_admin(page, live_server, "reader", PASSWORD)
    page.goto(live_server.url + reverse(url_name))
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    assert axe_violations(page) == ""
    page.get_by_label("90 days").check()
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text("(90 days)")).to_be_visible()
    assert axe_violations(page) == ""
    context.close()
