"""Searching from the header box in a real browser. Accessibility and HTML validity
of the results pages are checked with every other page (site_pages.py)."""

import pytest

from .conftest import PHONE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_visitor_searches_from_the_header_and_finds_the_seed_article(page, live_server):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    # On a phone the search box sits in the menu panel, with the menu.
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("searchbox", name="Search the site").fill("heroin depression")
    page.get_by_role("search").first.get_by_role("button", name="Search").click()

    page.wait_for_url("**/search/?q=heroin+depression")
    assert page.get_by_role("heading", level=1).inner_text() == "Search"
    first = page.locator(".search-result__title a").first
    assert "Heroin" in first.inner_text()
    assert page.locator(".search-result mark").count() > 0
