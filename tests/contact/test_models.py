from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text

import pytest

from contact import demo
from contact.models import ContactPage, InquirySettings
from home.models import HomePage

pytestmark = pytest.mark.django_db


def test_page_tree_is_locked():
    case = WagtailPageTestCase()
    case.assertAllowedParentPageTypes(ContactPage, {HomePage})
    case.assertAllowedSubpageTypes(ContactPage, set())


def test_an_editor_can_create_the_contact_page_in_the_admin(admin_client, home_page):
    case = WagtailPageTestCase()
    case.client = admin_client
    case.assertCanCreate(
        home_page,
        ContactPage,
        nested_form_data(
            {
                "title": "Contact us",
                "slug": "contact",
                "intro": rich_text("<p>We answer quickly.</p>"),
                "privacy_notice": rich_text("<p>Only admissions reads this.</p>"),
                "thank_you_text": rich_text("<p>We will call you soon.</p>"),
            }
        ),
    )
    assert ContactPage.objects.get(slug="contact").live


def test_demo_loader_creates_the_menu_contact_page_once(site, center):
    messages = []
    demo.load(site, messages.append)
    demo.load(site, messages.append)
    page = ContactPage.objects.get()
    assert page.url == "/contact/"
    assert page.show_in_menus and page.live
    assert page.get_parent().specific == site.root_page.specific
    assert messages == ["Created the contact page"]


@pytest.mark.parametrize(
    ("message", "urgent"),
    [
        ("I think he overdosed, no wait, it's an OVERDOSE", True),
        ("she said she wants to kill   myself", True),
        ("He can’t breathe", True),
        ("Looking for outpatient options for my son", False),
        ("", False),
    ],
)
def test_crisis_keywords_match_whole_words_in_any_case(site, message, urgent):
    assert InquirySettings.for_site(site).mentions_crisis(message) is urgent
