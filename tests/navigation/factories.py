"""Helpers for navigation tests: a menu stored in NavigationSettings."""

from navigation.models import NavigationSettings
from tests.pages import make_standard_page


def make_page(parent, title, **overrides):
    return make_standard_page(parent, title, **overrides)


def link(page=None, url="", text=""):
    return {"page": page, "url": url, "link_text": text}


def section(page=None, url="", text="", children=()):
    return {**link(page, url, text), "children": list(children)}


def set_menu(site, sections=(), footer=()):
    navigation = NavigationSettings.for_site(site)
    navigation.main_menu = [("section", value) for value in sections]
    navigation.footer_links = [("link", value) for value in footer]
    navigation.save()
    return navigation
