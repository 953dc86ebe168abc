"""Editors see how long their search title and description are as they type."""

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


def test_editor_sees_a_live_character_count_for_title_and_description(
    page, live_server
):
    page.set_viewport_size(DESKTOP)
    get_user_model().objects.create_superuser(
        "seo-editor", "seo-editor@example.com", "a-long-editor-password"
    )
    about = live_page("standard_pages.standardpage")
    sign_in_to_admin(page, live_server, "seo-editor", "a-long-editor-password")

    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[about.pk]))
    page.get_by_role("tab", name="Promote").click()

    title = page.get_by_role("textbox", name=re.compile("^Title tag"))
    title.fill("Admissions at Evoke")
    title_count = page.locator("#id_seo_title-length")
    expect(title_count).to_have_text("19 characters (room for more)")
    expect(title).to_have_attribute(
        "aria-describedby", re.compile("id_seo_title-length")
    )
    title.fill("x" * 61)
    expect(title_count).to_have_text("61 characters (search results may cut it short)")
    title.fill("x" * 55)
    expect(title_count).to_have_text("55 characters")

    description = page.get_by_role("textbox", name=re.compile("^Meta description"))
    description.fill("y" * 140)
    expect(page.locator("#id_search_description-length")).to_have_text("140 characters")
