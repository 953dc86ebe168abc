import re

from django.core.exceptions import ValidationError

from wagtail.test.utils import WagtailPageTestCase

import pytest

from core import generation
from home.models import HomePage
from locations.models import LocationPage
from tests.pages import (
    make_location,
    make_service,
    make_service_index,
    make_standard_page,
)

SITE_PHONE = ('href="tel:+18662761920"', "866.276.1920")
OWN_PHONE = ('href="tel:+17815550142"', "781.555.0142")


def header(html):
    return re.search(r"<header.*?</header>", html, re.S).group(0)


def footer(html):
    return re.search(r"<footer.*?</footer>", html, re.S).group(0)


def test_page_tree_is_locked():
    case = WagtailPageTestCase()
    case.assertAllowedParentPageTypes(LocationPage, {HomePage})
    case.assertAllowedSubpageTypes(LocationPage, set())


def test_a_location_shows_its_own_phone_everywhere_on_its_page(
    client, home_page, center
):
    make_location(home_page, "Evoke Waltham", admissions_phone="781-555-0142")
    html = client.get("/evoke-waltham/").content.decode()
    for part in [header(html), footer(html), html]:
        for expected in OWN_PHONE:
            assert expected in part
    assert SITE_PHONE[0] not in html
    assert SITE_PHONE[1] not in html


def test_every_other_page_shows_the_site_phone(client, home_page, center):
    make_location(home_page, "Evoke Waltham", admissions_phone="781-555-0142")
    programs = make_service_index(home_page)
    make_service(programs, "Heroin rehab")
    make_standard_page(home_page, "About us", slug="about")
    for url in [
        "/",
        "/about/",
        "/treatment-programs/",
        "/treatment-programs/heroin-rehab/",
    ]:
        html = client.get(url).content.decode()
        assert SITE_PHONE[0] in header(html), url
        assert SITE_PHONE[1] in footer(html), url
        assert OWN_PHONE[1] not in html, url


def test_a_location_without_its_own_phone_shows_the_site_phone(
    client, home_page, center
):
    make_location(home_page, "Evoke Waltham")
    html = client.get("/evoke-waltham/").content.decode()
    assert SITE_PHONE[0] in header(html)
    assert 'class="location__phone" href="tel:+18662761920"' in html


def test_location_phone_is_stored_in_e164_and_a_wrong_one_is_refused(home_page):
    location = make_location(
        home_page, "Evoke Waltham", admissions_phone="(781) 555-0142"
    )
    assert location.admissions_phone == "+17815550142"
    location.admissions_phone = "not a phone"
    with pytest.raises(ValidationError) as excinfo:
        location.full_clean()
    assert "admissions_phone" in excinfo.value.message_dict


def test_location_links_a_map_and_embeds_nothing(client, home_page, center):
    make_location(
        home_page,
        "Evoke Waltham",
        address="Evoke Wellness at Waltham\n123 Main Street\nWaltham, MA 02451",
        hours="Admissions: 24 hours a day",
    )
    html = client.get("/evoke-waltham/").content.decode()
    assert (
        'href="https://www.openstreetmap.org/search?query=Evoke+Wellness+at+Waltham'
        "%2C+123+Main+Street%2C+Waltham%2C+MA+02451" in html
    )
    assert "<iframe" not in html
    assert "123 Main Street<br>Waltham, MA 02451" in html
    assert "Admissions: 24 hours a day" in html


def test_location_lists_its_live_services_in_fixed_queries(
    client, home_page, center, django_assert_max_num_queries
):
    programs = make_service_index(home_page)
    location = make_location(home_page, "Evoke Waltham")
    counts = []
    for total in (1, 6):
        while location.services.count() < total:
            service = make_service(programs, f"Therapy {location.services.count()}")
            location.services.add(service)
            location.save_revision().publish()
        client.get("/evoke-waltham/")  # warm the menu cache
        generation.bump_now()  # measure a full render of the list
        # +3 since Spanish pages, once per content generation: Wagtail's routing
        # finds the active locale; the language switcher reads the locales and
        # this page's translations (core.languages).
        with django_assert_max_num_queries(15) as captured:
            html = client.get("/evoke-waltham/").content.decode()
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
    assert 'href="/treatment-programs/therapy-5/"' in html
