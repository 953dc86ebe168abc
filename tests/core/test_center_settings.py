from django.core.exceptions import ValidationError
from django.test import override_settings

import pytest

from core.models import CenterSettings


def test_home_page_calls_the_admissions_phone(client, center):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="tel:+18662761920"' in html
    assert "866.276.1920" in html
    assert "Build a foundation for lasting recovery from addiction" in html


def test_changing_the_phone_in_settings_changes_every_page(client, center):
    center.admissions_phone = "(617) 555-0134"
    center.full_clean()
    center.save()
    for url in ["/", "/no-such-page/"]:
        html = client.get(url).content.decode()
        assert 'href="tel:+16175550134"' in html, url
        assert "617.555.0134" in html, url
        assert "866.276.1920" not in html, url


def test_phone_is_stored_once_in_e164(center):
    center.admissions_phone = "866 276 1920"
    center.full_clean()
    assert center.admissions_phone == "+18662761920"


def test_a_wrong_phone_is_refused_with_a_message_on_the_field(center):
    center.admissions_phone = "not a number"
    with pytest.raises(ValidationError) as excinfo:
        center.full_clean()
    assert "admissions_phone" in excinfo.value.message_dict


def test_footer_shows_address_hours_and_crisis_lines(client, center):
    center.crisis_lines = [
        (
            "crisis_line",
            {"name": "988 Suicide & Crisis Lifeline", "phone": "988", "note": ""},
        )
    ]
    center.save()
    html = client.get("/").content.decode()
    assert 'href="tel:988"' in html
    assert "Waltham, MA" in html
    assert "24 hours a day" in html


def test_404_page_is_ours_and_shows_the_phone(client, center):
    response = client.get("/missing/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We can’t find that page" in html
    assert "tel:+18662761920" in html


@override_settings(ROOT_URLCONF="tests.core.urls_raising")
def test_500_page_is_ours_and_shows_the_phone(center):
    from django.test import Client

    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "tel:+18662761920" in html


def test_settings_reads_are_cached_per_request(
    client, center, django_assert_max_num_queries
):
    # Header, call button and footer all read the settings: one query, not one each.
    # +3 since Spanish pages, once per content generation: Wagtail's routing
    # finds the active locale; the language switcher reads the locales and
    # this page's translations (core.languages).
    with django_assert_max_num_queries(15):
        client.get("/")


def test_default_settings_match_the_demo_client():
    settings = CenterSettings()
    assert settings.admissions_phone_display == "866.276.1920"
    assert settings.admissions_phone_href == "tel:+18662761920"
