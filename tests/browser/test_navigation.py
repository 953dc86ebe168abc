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
    programs = page.get_by_role("button", name="Pages in Treatment programs")
    programs.click()
    expect(programs).to_have_attribute("aria-expanded", "true")
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
    programs = page.get_by_role("button", name="Pages in Treatment programs")
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


def test_without_javascript_the_phone_menu_opens_and_reaches_a_program(
    browser, live_server
):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")
        menu = page.locator("#site-menu")
        expect(menu).to_be_hidden()
        page.get_by_role("link", name="Menu", exact=True).click()
        expect(menu).to_be_visible()
        menu.get_by_role("link", name="Heroin rehab", exact=True).click()
        expect(page).to_have_url(live_server.url + "/treatment-programs/heroin-rehab/")
    finally:
        context.close()


BAR_AND_PHONE_LINKS = """() => {
    const onScreen = (el) => {
        const r = el.getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight;
    };
    const bar = document.querySelector('.call-button--header');
    const others = [...document.querySelectorAll('a[href^="tel:"]')]
        .filter((a) => a !== bar);
    return {barShown: onScreen(bar), otherInView: others.some(onScreen)};
}"""


def test_the_phone_header_leaves_the_first_screen_to_the_page(page, live_server):
    """The page's title and the admissions phone are on the first screen, and
    the call bar never covers the page's own call button."""
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    assert page.locator("header").bounding_box()["height"] <= 120
    heading = page.get_by_role("heading", level=1).bounding_box()
    assert heading["y"] + heading["height"] <= PHONE["height"]
    hero_call = page.locator("main .hero").get_by_role("link", name="Call 866.276.1920")
    expect(hero_call).to_be_in_viewport()
    bar = page.locator(".call-button--header")
    expect(bar).not_to_be_in_viewport()  # the hero's own button is in view

    # Down a long article, the bar shows exactly while no other phone link
    # (a call button, the footer's number, 911, 988) is on screen.
    page.goto(live_server.url + "/articles/how-heroin-can-lead-to-depression/")
    shown_at = []
    height = page.evaluate("document.body.scrollHeight")
    for y in range(0, height, 500):
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(350)  # the bar's slide
        state = page.evaluate(BAR_AND_PHONE_LINKS)
        assert state["barShown"] != state["otherInView"], (y, state)
        if state["barShown"]:
            shown_at.append(y)
    assert shown_at, "the bar showed somewhere down the article"
    bar_top = page.evaluate(
        "innerHeight - document.querySelector('.call-button--header').offsetHeight - 12"
    )
    # A keyboard user's focused field is scrolled clear of the bar.
    page.goto(live_server.url + "/contact/")
    for _ in range(40):
        page.keyboard.press("Tab")
        box = page.evaluate(
            "(() => { const r = document.activeElement.getBoundingClientRect();"
            " return {bottom: r.bottom, top: r.top,"
            " field: document.activeElement.matches('input, textarea')}; })()"
        )
        if box["field"]:
            assert box["bottom"] <= bar_top, box
