"""Two centers from one admin, as families meet them in a real browser: each
center's address shows that center's name, phone and menu, and each home page
passes axe-core.

The live server listens on localhost; Chromium resolves cohasset.localhost to
the loopback address too, and Wagtail finds Cohasset's site by that hostname
(the port only breaks ties between sites of one hostname).
"""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE, screenshot
from .test_pages import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def cohasset_url(live_server):
    return f"http://cohasset.localhost:{urlsplit(live_server.url).port}"


def menu_links(page):
    """The menu's links a visitor sees with its programs opened."""
    page.get_by_role("button", name="Pages in Treatment programs").click()
    links = page.locator("#site-menu nav").get_by_role("link")
    names = [text.strip() for text in links.all_inner_texts()]
    page.keyboard.press("Escape")
    return names


def test_a_family_at_each_centers_address_sees_its_phone_and_its_menu(
    page, live_server
):
    page.set_viewport_size(DESKTOP)
    centers = [
        (
            live_server.url,
            "Evoke Wellness at Waltham",
            "866.276.1920",
            "Waltham, MA 02451",
        ),
        (
            cohasset_url(live_server),
            "Evoke Wellness at Cohasset",
            "866.931.6429",
            "Cohasset, MA 02025",
        ),
    ]
    menus = {}
    for base, name, phone, town in centers:
        page.goto(base + "/")
        header = page.locator("header.site-header")
        expect(header.locator(".site-header__name")).to_have_text(name)
        call = header.get_by_role("link", name=f"Call {phone}")
        expect(call).to_be_visible()
        expect(call).to_have_attribute("href", "tel:+1" + phone.replace(".", ""))
        expect(page.locator("footer address")).to_contain_text(town)
        menus[name] = menu_links(page)

        # Its own "Our center" page, on its own address.
        page.locator("#site-menu").get_by_role("link", name="Our center").click()
        expect(page).to_have_url(base + "/" + town.split(",")[0].lower() + "/")
        expect(page.get_by_role("heading", level=1)).to_have_text(name)
        expect(page.locator("header.site-header")).to_contain_text(f"Call {phone}")

    waltham, cohasset = (
        menus["Evoke Wellness at Waltham"],
        menus["Evoke Wellness at Cohasset"],
    )
    # Cohasset's menu lists its own two programs, not Waltham's eleven.
    assert {"Opioid detox", "Dual diagnosis treatment"} <= set(cohasset)
    assert "Heroin rehab" in waltham and "Heroin rehab" not in cohasset
    assert "About us" in waltham and "About us" not in cohasset
    assert {"Treatment programs", "Our center", "Articles", "Contact us"} <= set(
        cohasset
    )


@pytest.mark.parametrize("center", ["waltham", "cohasset"])
def test_each_centers_home_page_passes_axe(center, page, live_server):
    base = live_server.url if center == "waltham" else cohasset_url(live_server)
    problems = []
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        page.goto(base + "/")
        expect(page.locator(".site-header__name")).to_contain_text(center.title())
        screenshot(page, f"center-{center}-home")
        report = axe_violations(page)
        if report:
            problems.append(f"axe at {viewport['width']}px:\n{report}")
    assert not problems, "\n\n".join(problems)
