"""The Reviews due report as a medical reviewer meets it: readable, and
accessible (axe-core, WCAG 2.2 AA) with its filters open."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

import pytest
from playwright.sync_api import expect

from editorial.roles import MEDICAL_REVIEWERS
from tests.browser.admin import sign_in_to_admin

from .conftest import DESKTOP
from .test_pages import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a-long-staff-password"


def test_the_reviews_due_report_is_accessible(browser, live_server):
    user = get_user_model().objects.create_user(
        "morgan", "morgan@example.com", PASSWORD, first_name="Morgan", last_name="Ellis"
    )
    user.groups.add(Group.objects.get(name=MEDICAL_REVIEWERS))
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    sign_in_to_admin(page, live_server, "morgan", PASSWORD)
    page.goto(live_server.url + reverse("reviews_due"))
    expect(page.get_by_role("heading", name="Reviews due")).to_be_visible()
    # The demo's programs were never reviewed: they lead the list.
    expect(page.get_by_role("link", name="Heroin rehab")).to_be_visible()
    assert axe_violations(page) == ""
    context.close()
