"""The editable menu in a real browser: a visitor reaches programs, the center
and the contact page from the home page, on a phone and on a desktop."""

import pytest
from playwright.sync_api import expect

from services.demo import SERVICES

from .conftest import DESKTOP, PHONE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_on_a_phone_the_menu_opens_a_section_and_reaches_a_program(page, live_server):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Menu").click()
    programs = page.get_by_role("button", name="Treatment programs: show links")
    programs.click()
    expect(
        page.get_by_role("button", name="Treatment programs: hide links")
    ).to_have_attribute("aria-expanded", "true")
    menu = page.locator("#site-menu")
    for _slug, title, *_ in SERVICES:
        expect(menu.get_by_role("link", name=title, exact=True)).to_be_visible()
    menu.get_by_role("link", name="Heroin rehab", exact=True).click()
    expect(page).to_have_url(live_server.url + "/treatment-programs/heroin-rehab/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Heroin rehab")

    # On the program's page its section starts open and both are marked.
    page.get_by_role("button", name="Menu").click()
    expect(menu.get_by_role("link", name="Heroin rehab", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    expect(
        menu.get_by_role("link", name="Treatment programs", exact=True)
    ).to_have_attribute("aria-current", "true")
    breadcrumb = page.get_by_role("navigation", name="Breadcrumb")
    breadcrumb.get_by_role("link", name="Treatment programs").click()
    expect(page).to_have_url(live_server.url + "/treatment-programs/")


def test_on_a_desktop_the_menu_reaches_the_center_and_contact(page, live_server):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/")
    menu = page.locator("#site-menu")
    programs = page.get_by_role("button", name="Treatment programs: show links")
    programs.click()
    expect(menu.get_by_role("link", name="Opioid detox")).to_be_visible()
    page.keyboard.press("Escape")
    expect(menu.get_by_role("link", name="Opioid detox")).to_be_hidden()
    expect(programs).to_be_focused()

    menu.get_by_role("link", name="Our center").click()
    expect(page).to_have_url(live_server.url + "/waltham/")
    expect(page.get_by_role("link", name="Get directions on a map")).to_be_visible()
    menu.get_by_role("link", name="Contact us").click()
    expect(page).to_have_url(live_server.url + "/contact/")
