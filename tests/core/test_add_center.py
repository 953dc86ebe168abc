"""`manage.py add_center`: a group adds a center's whole site with one command."""

import io
import re

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from wagtail.models import Page, Site

import pytest

from articles.models import ArticleIndexPage
from contact.models import ContactPage, InquirySettings
from core.models import CenterSettings
from home.models import HomePage
from insurance.models import VerifyInsurancePage
from locations.models import LocationPage
from navigation.models import NavigationSettings
from services.models import ServiceIndexPage, ServicePage

COHASSET = [
    "--name",
    "Evoke Wellness at Cohasset",
    "--hostname",
    "cohasset.localhost",
    "--phone",
    "866.931.6429",
    "--address",
    "Evoke Wellness at Cohasset",
    "--address",
    "Cohasset, MA 02025",
]
MENU_LINK = re.compile(r'<a class="menu__(?:child-)?link" href="([^"]+)"[^>]*>([^<]+)<')


@pytest.fixture
def group(center):
    """The group's first center (the default site) as an editor set it up."""
    center.crisis_lines = [
        ("crisis_line", {"name": "988 Suicide & Crisis Lifeline", "phone": "988"}),
    ]
    center.call_steps = [
        ("step", {"title": "A counselor answers", "text": "Day or night."}),
    ]
    center.save()
    return center


def add_center(*options):
    out = io.StringIO()
    call_command("add_center", *COHASSET, *options, stdout=out)
    return out.getvalue()


def cohasset():
    return Site.objects.get(hostname="cohasset.localhost")


def counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"wagtailcore", "core", "contact", "navigation", "auth"}
        and not model._meta.label.startswith(
            ("wagtailcore.ModelLogEntry", "wagtailcore.PageLogEntry")
        )
    }


def test_a_new_center_gets_its_own_site_pages_and_settings(group):
    printed = add_center("--port", "8000", "--program", "opioid-detox")

    site = cohasset()
    assert (site.site_name, site.port, site.is_default_site) == (
        "Evoke Wellness at Cohasset",
        8000,
        False,
    )
    home = site.root_page.specific
    assert isinstance(home, HomePage) and home.live and home.depth == 2
    assert home.title == "Evoke Wellness at Cohasset"
    children = {type(page) for page in home.get_children().live().specific()}
    assert children == {
        ContactPage,
        VerifyInsurancePage,
        ArticleIndexPage,
        ServiceIndexPage,
        LocationPage,
    }
    programs = ServicePage.objects.descendant_of(home).live()
    assert [program.title for program in programs] == ["Opioid detox"]
    location = LocationPage.objects.child_of(home).get()
    assert "Cohasset, MA 02025" in location.address
    assert list(location.services.all()) == list(programs)

    details = CenterSettings.for_site(site)
    assert details.center_name == "Evoke Wellness at Cohasset"
    assert details.admissions_phone == "+18669316429"
    assert details.address == "Evoke Wellness at Cohasset\nCohasset, MA 02025"
    # What the group shares starts as the first center's; credentials are
    # each center's own to list.
    assert details.crisis_lines.get_prep_value()[0]["value"]["phone"] == "988"
    assert details.call_steps[0].value["title"] == "A counselor answers"
    assert not details.credentials

    navigation = NavigationSettings.for_site(site)
    linked = [block.value["page"] for block in navigation.main_menu]
    linked += [
        child["page"]
        for block in navigation.main_menu
        for child in block.value["children"]
    ]
    linked += [block.value["page"] for block in navigation.footer_links]
    assert {type(page.specific) for page in linked} >= {
        ServiceIndexPage,
        ServicePage,
        LocationPage,
        ArticleIndexPage,
        ContactPage,
    }
    assert navigation.footer_links
    assert all(page.is_descendant_of(home) for page in linked)

    team = InquirySettings.for_site(site).admissions_team
    assert team.name == "Admissions at Evoke Wellness at Cohasset"
    assert team.permissions.filter(codename="view_inquiry").exists()
    assert team.name in printed
    assert "ALLOWED_HOSTS" in printed

    # The first center is as it was.
    default = Site.objects.get(is_default_site=True)
    assert CenterSettings.for_site(default).admissions_phone == "+18662761920"
    assert InquirySettings.for_site(default).admissions_team is None


def test_running_it_again_adds_nothing_and_keeps_an_editors_changes(group):
    add_center()
    details = CenterSettings.for_site(cohasset())
    details.admissions_phone = "781.555.0199"
    details.save()
    before = counts()

    add_center()

    assert counts() == before
    assert CenterSettings.for_site(cohasset()).admissions_phone == "+17815550199"


def test_a_family_at_the_centers_address_sees_its_own_home_page_phone_and_menu(
    group, client
):
    add_center("--program", "opioid-detox", "--program", "dual-diagnosis-treatment")

    response = client.get("/", HTTP_HOST="cohasset.localhost")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and "Evoke Wellness at Cohasset" in html
    assert 'href="tel:+18669316429">Call 866.931.6429<' in html
    assert "tel:+18662761920" not in html
    nav = re.search(r'<nav class="menu".*?</nav>', html, re.S).group(0)
    menu = {text.strip(): href for href, text in MENU_LINK.findall(nav)}
    assert menu["Opioid detox"] == "/treatment-programs/opioid-detox/"
    assert menu["Dual diagnosis treatment"] == (
        "/treatment-programs/dual-diagnosis-treatment/"
    )
    assert menu["Our center"] == "/cohasset/"
    assert menu["Contact us"] == "/contact/"
    for href in menu.values():
        page = client.get(href, HTTP_HOST="cohasset.localhost")
        assert page.status_code == 200, href
        assert "tel:+18669316429" in page.content.decode(), href
    # The first center still answers at its own address with its own phone.
    assert "tel:+18662761920" in client.get("/").content.decode()


def test_a_phone_number_that_cannot_be_dialled_stops_before_anything_is_made(
    group,
):
    pages = Page.objects.count()
    with pytest.raises(CommandError, match="area code"):
        call_command(
            "add_center",
            "--name",
            "Evoke Wellness at Cohasset",
            "--hostname",
            "cohasset.localhost",
            "--phone",
            "931.6429",
            stdout=io.StringIO(),
        )
    assert Page.objects.count() == pages
    assert not Site.objects.filter(hostname="cohasset.localhost").exists()
    assert not Group.objects.filter(name__contains="Cohasset").exists()
