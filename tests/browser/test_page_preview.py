"""Editors preview a page at phone and desktop widths in the page editor."""

import re

from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest
from playwright.sync_api import expect

from tests.browser.admin import sign_in_to_admin

from .conftest import DESKTOP
from .test_journeys import live_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def preview_at_width(page, device_width):
    """The width of what the preview frame shows, once the frame is that wide."""
    frame = page.locator("#w-preview-iframe").element_handle().content_frame()
    frame.wait_for_function(f"() => window.innerWidth === {device_width}")
    return frame.evaluate("() => document.documentElement.scrollWidth")


def test_editor_previews_a_page_at_mobile_and_desktop_sizes(page, live_server):
    page.set_viewport_size(DESKTOP)
    get_user_model().objects.create_superuser(
        "preview-editor", "preview-editor@example.com", "a-long-editor-password"
    )
    about = live_page("standard_pages.standardpage")
    sign_in_to_admin(page, live_server, "preview-editor", "a-long-editor-password")

    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[about.pk]))
    page.get_by_role("textbox", name=re.compile("^Introduction")).fill(
        "Unsaved wording for the preview."
    )
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("main")).to_contain_text("Unsaved wording for the preview.")

    sizes = {size["name"]: size for size in about.preview_sizes}
    for size in (sizes["mobile"], sizes["desktop"]):
        page.get_by_label(str(size["label"])).check(force=True)
        content_width = preview_at_width(page, size["device_width"])
        # Nothing sticks out sideways: no horizontal scrolling at this width.
        assert content_width <= size["device_width"], size["name"]
        expect(preview.locator('a[href^="tel:"]').first).to_be_visible()
