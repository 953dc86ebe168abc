"""The demo site's menus, followed over HTTP as a visitor would."""

import io
import re

from django.core.management import call_command

from wagtail.models import Site

import pytest

from core.models import CenterSettings
from navigation import demo as navigation_demo
from navigation.models import NavigationSettings
from services.demo import SERVICES

HREF = re.compile(r'<a class="menu__(?:child-)?link" href="([^"]+)"')


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    # The loader commits in real use; here the commit-time work (Wagtail's
    # reference index update) is run explicitly.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", stdout=io.StringIO())
    return Site.objects.get(is_default_site=True)


def menu_links(client, url="/"):
    html = client.get(url).content.decode()
    nav = re.search(r'<nav class="menu".*?</nav>', html, re.S).group(0)
    return HREF.findall(nav)


def test_from_the_home_page_the_menu_reaches_every_program_the_center_and_contact(
    client, demo
):
    links = menu_links(client)
    expected = [f"/treatment-programs/{slug}/" for slug, *_ in SERVICES]
    expected += ["/treatment-programs/", "/waltham/", "/contact/", "/admissions/"]
    expected += ["/insurance/", "/about/", "/articles/"]
    for url in expected:
        assert url in links, url
    for url in links:
        response = client.get(url)
        assert response.status_code == 200, url
        assert url in menu_links(client, url), f"{url} keeps the menu"


def test_demo_pages_link_back_and_show_the_site_phone(client, demo):
    rehab = client.get("/treatment-programs/heroin-rehab/").content.decode()
    # The seed article links “heroin rehab in Waltham, MA” to this page.
    assert "How Heroin Can Lead to Depression" in rehab
    center = CenterSettings.for_site(demo)
    assert center.privacy_page.slug == "privacy-policy"
    html = client.get("/waltham/").content.decode()
    assert 'href="tel:+18662761920"' in html
    assert "<iframe" not in html


def test_the_menu_loader_adds_a_page_that_appears_later_in_its_usual_place(
    client, demo
):
    navigation = NavigationSettings.for_site(demo)
    before = [block.value["page"].slug for block in navigation.main_menu]
    assert before == [
        "treatment-programs",
        "admissions",
        "waltham",
        "about",
        "articles",
        "contact",
    ]
    # As if the article index had not existed yet when the menu was made.
    navigation.main_menu = [
        ("section", block.value)
        for block in navigation.main_menu
        if block.value["page"].slug != "articles"
    ]
    navigation.save()
    navigation_demo.load(demo, log=lambda message: None)
    navigation_demo.load(demo, log=lambda message: None)
    navigation = NavigationSettings.for_site(demo)
    assert [block.value["page"].slug for block in navigation.main_menu] == before
    programs = navigation.main_menu[0].value["children"]
    assert len(programs) == len(SERVICES)
