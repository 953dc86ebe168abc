"""The two content-check reports, as an editor reaches and reads them: from the
Reports menu, with rows in them, with zero axe-core violations at WCAG 2.2
A/AA on a phone and on a desktop."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

import pytest
from playwright.sync_api import expect

from contact.groups import MARKETING_EDITORS
from health_checks.models import ExternalLink, ExternalLinkUse
from tests.browser.admin import sign_in_to_admin

from .conftest import DESKTOP, PHONE, screenshot
from .test_journeys import live_page
from .test_pages import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a-long-staff-password"


def an_editor():
    user = get_user_model().objects.create_user(
        "erin", "erin@example.com", PASSWORD, first_name="Erin", last_name="Cole"
    )
    user.groups.add(Group.objects.get(name=MARKETING_EDITORS))
    return user


def a_promise_and_a_broken_link():
    """A draft of a demo article promising a cure, and a broken source on a
    live program, as the daily check would have found it."""
    article = live_page("articles.articlepage")
    article.summary = "Heroin addiction can be cured."
    article.save_revision()
    program = live_page("services.servicepage")
    now = timezone.now()
    link = ExternalLink.objects.create(
        url="https://example.org/retired-study",
        status_code=404,
        is_broken=True,
        first_broken_at=now - datetime.timedelta(days=4),
        last_checked_at=now,
    )
    ExternalLinkUse.objects.create(link=link, page=program, text="A retired study")
    return article, program


def check_report(page, name, problems):
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        page.reload()
        report = axe_violations(page)
        if report:
            problems.append(f"axe, {name} at {viewport['width']}px:\n{report}")
        screenshot(page, f"admin-report-{name}")


def test_an_editor_reads_both_reports_and_they_pass_axe(page, live_server):
    an_editor()
    article, program = a_promise_and_a_broken_link()
    page.set_viewport_size(DESKTOP)
    sign_in_to_admin(page, live_server, "erin", PASSWORD)
    problems = []

    page.get_by_role("button", name="Reports").click()
    page.get_by_role("link", name="Claims to check").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Claims to check")
    row = page.get_by_role("row").filter(has_text=article.title)
    expect(row).to_contain_text("cured")
    expect(row).to_contain_text("Summary")
    expect(row).to_contain_text("Draft")
    check_report(page, "claims-to-check", problems)

    page.goto(live_server.url + reverse("wagtailadmin_home"))
    page.get_by_role("button", name="Reports").click()
    page.get_by_role("link", name="Broken links").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Broken links")
    row = page.get_by_role("row").filter(has_text=program.title)
    expect(row).to_contain_text("A retired study")
    expect(row).to_contain_text("404 Not Found")
    check_report(page, "broken-links", problems)

    assert not problems, "\n\n".join(problems)
