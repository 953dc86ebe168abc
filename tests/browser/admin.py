"""Signing in to the Wagtail admin the way staff do, through its login form."""

import re

from django.urls import reverse

from playwright.sync_api import expect


def sign_in_to_admin(page, live_server, username, password):
    page.goto(live_server.url + reverse("wagtailadmin_login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name=re.compile("sign in", re.IGNORECASE)).click()
    expect(page).to_have_url(live_server.url + reverse("wagtailadmin_home"))
