"""An article's way from a marketing editor through medical review to readers."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

import pytest
from playwright.sync_api import expect

from articles.models import ArticleIndexPage, ArticlePage
from contact.groups import MARKETING_EDITORS
from editorial.roles import MEDICAL_REVIEWERS
from tests.browser.admin import sign_in_to_admin

from .conftest import DESKTOP, screenshot
from .site_pages import site_path

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a-long-staff-password"


def staff(username, group_name, first_name, last_name):
    user = get_user_model().objects.create_user(
        username,
        f"{username}@example.com",
        PASSWORD,
        first_name=first_name,
        last_name=last_name,
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


def sign_in(page, live_server, username):
    sign_in_to_admin(page, live_server, username, PASSWORD)


def test_editor_writes_an_article_a_reviewer_approves_it_readers_see_it(
    browser, live_server
):
    staff("erin", MARKETING_EDITORS, "Erin", "Cole")
    staff("morgan", MEDICAL_REVIEWERS, "Morgan", "Ellis")
    # The first center's (Cohasset's shows its articles as aliases).
    index = ArticleIndexPage.objects.first()
    title = "Sleep in early recovery"

    # The editor writes the article and sends it to medical review.
    editor = browser.new_context(viewport=DESKTOP)
    page = editor.new_page()
    sign_in(page, live_server, "erin")
    expect(
        page.get_by_role("navigation", name="Main menu").get_by_role(
            "link", name="Inquiries"
        )
    ).to_have_count(0)
    page.goto(
        live_server.url
        + reverse("wagtailadmin_pages:add", args=("articles", "articlepage", index.pk))
    )
    page.get_by_label(re.compile("^Title")).fill(title)
    page.keyboard.press("Tab")
    # The address is made from the title as the editor leaves the field.
    expect(page.locator("#id_slug")).to_have_value("sleep-in-early-recovery")
    page.get_by_label(re.compile("^Summary")).fill(
        "Why sleep is hard in the first weeks, and what helps."
    )
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Text").click()
    text = page.locator(".public-DraftEditor-content").first
    text.click()
    expect(text).to_be_focused()
    # "guaranteed" is on the claim phrases list: a warning, never a block.
    page.keyboard.type("Most people sleep badly at first; better sleep is guaranteed.")
    # The rich text is copied into the form a moment after typing stops.
    expect(page.locator("input[name='body-0-value']")).to_have_value(
        re.compile("sleep badly")
    )
    expect(page.locator("button[name='action-publish']")).to_have_count(0)
    # The review line is not the editor's to write: shown, never an input.
    expect(
        page.locator("[name='medical_reviewer'], [name='last_reviewed']")
    ).to_have_count(0)
    expect(
        page.get_by_text("Written only by approving the Medical review task")
    ).to_be_visible()
    # Autosave has made the page by now; the first "Save draft" says "draft".
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text(
        f"Page '{title}' is saved as a draft. Visitors do not see it"
    )
    expect(page.locator(".messages")).to_contain_text("“guaranteed”")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Medical review").click()
    expect(page.locator(".messages")).to_contain_text("submitted")
    screenshot(page, "editorial-submitted")
    article = ArticlePage.objects.get(title=title)
    assert not article.live
    editor.close()

    # The reviewer finds it on the dashboard and approves it.
    reviewer = browser.new_context(viewport=DESKTOP)
    page = reviewer.new_page()
    sign_in(page, live_server, "morgan")
    page.get_by_role("link", name=title).first.click()
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(
        f"Page '{title}' is approved and published", timeout=20_000
    )
    # Back on the dashboard, with no "you do not have permission" on the way.
    expect(page.get_by_text("permission to access")).to_have_count(0)
    expect(page).to_have_url(live_server.url + reverse("wagtailadmin_home"))
    reviewer.close()

    # Readers see it, signed by the reviewer.
    article.refresh_from_db()
    assert article.live
    reader = browser.new_context(viewport=DESKTOP)
    page = reader.new_page()
    page.goto(live_server.url + site_path(article))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator("main")).to_contain_text("Medically reviewed by Morgan Ellis")
    expect(page.locator("main time").first).to_have_attribute(
        "datetime", f"{timezone.localdate():%Y-%m-%d}"
    )
    reader.close()

    # Back in the editor, the line shows who approved it, still read-only.
    editor = browser.new_context(viewport=DESKTOP)
    page = editor.new_page()
    sign_in(page, live_server, "erin")
    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[article.pk]))
    expect(page.locator("#page-edit-form")).to_contain_text("Morgan Ellis")
    expect(page.locator("[name='medical_reviewer']")).to_have_count(0)
    editor.close()
