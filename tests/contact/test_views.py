import logging
import re

from django.core import mail
from django.core.cache import cache

import pytest

from contact.models import Inquiry, InquirySettings

from .conftest import form_data

pytestmark = pytest.mark.django_db

THANK_YOU_URL = "/contact/thank-you/"


def send(client, data, **extra):
    return client.post("/contact/", data, **extra)


def test_contact_page_shows_the_form_and_the_admissions_phone(client, contact_page):
    response = client.get("/contact/?utm_source=newsletter&utm_campaign=spring")
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert html.count("<h1") == 1
    assert 'href="tel:+18662761920"' in html
    assert "866.276.1920" in html
    assert '<label class="field__label" for="id_name">' in html
    assert 'name="form_token"' in html
    assert 'value="newsletter"' in html and 'value="spring"' in html
    assert "Only admissions staff read this." in html


def test_valid_submit_stores_one_inquiry_and_redirects_to_thank_you(
    client, contact_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(
            client,
            form_data(
                utm_source="google",
                utm_medium="cpc",
                utm_campaign="detox",
                source_page=str(contact_page.pk),
            ),
        )
    assert response.status_code == 302
    assert response["Location"] == THANK_YOU_URL
    inquiry = Inquiry.objects.get()
    assert inquiry.name == "Jordan Reyes"
    assert inquiry.phone == "+16175550134"
    assert inquiry.status == Inquiry.Status.NEW
    assert not inquiry.is_urgent
    assert inquiry.source_page_id == contact_page.pk
    assert (inquiry.utm_source, inquiry.utm_medium, inquiry.utm_campaign) == (
        "google",
        "cpc",
        "detox",
    )
    thank_you = client.get(response["Location"])
    assert thank_you.status_code == 200
    assert "For faster help call" in thank_you.content.decode()
    assert "866.276.1920" in thank_you.content.decode()
    assert "emergency" not in thank_you.content.decode().lower()


def test_invalid_submit_shows_errors_beside_fields_keeps_values_stores_nothing(
    client, contact_page
):
    response = send(client, form_data(phone="", email="not-an-email"))
    html = response.content.decode()
    assert response.status_code == 200
    assert Inquiry.objects.count() == 0
    assert "Please check your answers" in html
    assert 'id="id_email-error"' in html
    assert 'aria-describedby="id_email-error' in html
    assert 'value="Jordan Reyes"' in html
    assert "My brother needs help with opioids." in html


def test_double_submit_of_one_form_creates_one_inquiry(client, contact_page):
    data = form_data()
    first = send(client, data)
    second = send(client, data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == THANK_YOU_URL
    assert Inquiry.objects.count() == 1


def test_resubmitting_an_urgent_form_returns_to_the_urgent_thank_you(
    client, contact_page
):
    data = form_data(message="He took too much, I think it is an overdose")
    send(client, data)
    again = send(client, data)
    assert again["Location"] == THANK_YOU_URL
    assert "If this is an emergency call" in client.get(THANK_YOU_URL).content.decode()
    assert Inquiry.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [({"website": "http://cheap-pills.example"}, "honeypot"), ({}, "sent too fast")],
)
def test_bot_submissions_look_successful_but_are_filed_as_spam(
    client, contact_page, django_capture_on_commit_callbacks, overrides, reason
):
    data = form_data(**overrides)
    if reason == "sent too fast":
        from contact.forms import issue_form_token

        data["form_token"] = issue_form_token()
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, data)
    assert response.status_code == 302
    assert response["Location"] == THANK_YOU_URL
    inquiry = Inquiry.objects.get()
    assert inquiry.status == Inquiry.Status.SPAM
    assert inquiry.spam_reason == reason
    assert mail.outbox == []
    assert not Inquiry.objects.exclude(status=Inquiry.Status.SPAM).exists()


def test_too_many_inquiries_from_one_address_get_a_friendly_429(
    client, contact_page, settings
):
    settings.INQUIRY_RATE_LIMIT = (3, 600)
    for _ in range(3):
        assert send(client, form_data()).status_code == 302
    response = send(client, form_data(name="Jordan Lee", message="About Mum"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "866.276.1920" in html
    # How long to wait, and their answers kept to send again.
    minutes = -(-int(response["Retry-After"]) // 60)
    assert f"Please wait about {minutes} minute" in html
    assert 'value="Jordan Lee"' in html and "About Mum" in html
    assert Inquiry.objects.count() == 3
    # Another client is not affected.
    other = send(client, form_data(), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_a_family_correcting_mistakes_is_never_turned_away(
    client, contact_page, settings
):
    """Behind one shared address, forms sent back with errors do not count."""
    settings.INQUIRY_RATE_LIMIT = (2, 600)
    for _ in range(5):
        response = send(client, form_data(name="", consent_to_contact=""))
        assert response.status_code == 200, "sent back with its errors"
    assert send(client, form_data()).status_code == 302
    assert send(client, form_data()).status_code == 302
    assert send(client, form_data()).status_code == 429


@pytest.mark.fault("outage")
def test_a_cache_outage_never_blocks_an_inquiry(client, contact_page, monkeypatch):
    # django-redis with IGNORE_EXCEPTIONS answers None while Redis is down.
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: None)
    monkeypatch.setattr(cache, "incr", lambda *args, **kwargs: None)
    assert send(client, form_data()).status_code == 302
    assert Inquiry.objects.count() == 1


def test_behind_a_proxy_each_visitor_is_limited_separately(
    client, contact_page, settings
):
    settings.INQUIRY_RATE_LIMIT = (1, 600)
    settings.TRUSTED_PROXY_COUNT = 1
    # Varnish appends the address it saw; anything before it is client-supplied.
    first = {"HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.7"}
    spoofed = {"HTTP_X_FORWARDED_FOR": "9.9.9.9, 203.0.113.7"}
    other = {"HTTP_X_FORWARDED_FOR": "198.51.100.2"}
    assert send(client, form_data(), **first).status_code == 302
    assert send(client, form_data(), **spoofed).status_code == 429
    assert send(client, form_data(), **other).status_code == 302


def test_rate_limit_key_never_holds_the_address(client, contact_page):
    send(client, form_data())
    keys = list(cache._cache.keys())
    assert keys and not any("127.0.0.1" in key for key in keys)


def test_crisis_message_is_urgent_and_thank_you_leads_with_911_and_988(
    client, contact_page
):
    response = send(client, form_data(message="She is NOT breathing properly"))
    # Nothing in the address says the inquiry was urgent.
    assert response["Location"] == THANK_YOU_URL
    assert Inquiry.objects.get().is_urgent
    html = client.get(response["Location"]).content.decode()
    main = html[html.index("<main") :]
    first_heading = main[main.index("<h1") : main.index("</h1>")]
    assert "If this is an emergency call" in first_heading
    assert "911" in first_heading and "988" in first_heading
    assert main.index("emergency") < main.index("For faster help call")


def test_the_urgent_thank_you_comes_from_the_session_not_the_address(
    client, contact_page
):
    assert "emergency" not in client.get(THANK_YOU_URL + "?urgent=1").content.decode()
    send(client, form_data(message="He is not breathing"))
    assert "If this is an emergency call" in client.get(THANK_YOU_URL).content.decode()
    # A later, ordinary inquiry from the same browser gets the ordinary page.
    send(client, form_data(message="Questions about insurance"))
    assert "emergency" not in client.get(THANK_YOU_URL).content.decode().lower()


@pytest.mark.fault("input")
def test_a_public_post_with_too_many_fields_gets_a_friendly_400(client, contact_page):
    data = form_data(**{f"extra{number}": "x" for number in range(1001)})
    response = send(client, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "We could not read that form" in html
    assert 'href="tel:+18662761920"' in html
    assert Inquiry.objects.count() == 0
    # The admin still takes what a long StreamField page sends.
    response = client.post("/admin/login/", {f"f{n}": "x" for n in range(1001)})
    assert response.status_code == 200


def test_staff_can_add_crisis_keywords(client, contact_page, site):
    inquiry_settings = InquirySettings.for_site(site)
    inquiry_settings.crisis_keywords += "\nfentanyl"
    inquiry_settings.save()
    send(client, form_data(message="Found Fentanyl in his room"))
    assert Inquiry.objects.get().is_urgent


def test_ordinary_words_containing_a_keyword_are_not_urgent(client, contact_page):
    send(client, form_data(message="Questions about suicidesque poetry class"))
    assert not Inquiry.objects.get().is_urgent


@pytest.mark.fault("input")
@pytest.mark.parametrize(
    "message",
    [
        "<script>alert('x')</script><b>bold</b>",
        "'; DROP TABLE contact_inquiry; --",
        "Need help 🙏🏽 for my sister 👩‍👧",
        "x" * (1024 * 1024),
        "before\x00after",
        "\u202eright-to-left override",
    ],
    ids=["html", "sql", "emoji", "1mb", "nul", "bidi"],
)
def test_any_input_is_stored_or_refused_clearly_never_a_500(
    client, contact_page, message
):
    response = send(client, form_data(message=message, name=message[:200]))
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert Inquiry.objects.count() == 0
        assert "Please check your answers" in response.content.decode()
    else:
        assert Inquiry.objects.get().message == message


@pytest.mark.fault("input")
@pytest.mark.parametrize("field", ["name", "message", "email"])
def test_a_control_character_is_refused_beside_its_field_and_the_rest_kept(
    client, contact_page, field
):
    typed = {
        "name": "Jordan\x01 Reyes",
        "message": "My brother\x01 needs help.\r\nPlease call after six.",
        "email": "jordan\x01@example.org",
    }
    response = send(client, form_data(**{field: typed[field]}))
    html = response.content.decode()
    assert response.status_code == 200
    assert Inquiry.objects.count() == 0
    error = html[html.index(f'id="id_{field}-error"') :]
    assert "invisible control character" in error[: error.index("</p>")]
    assert "\x01" not in html
    # Everything the family typed is still there, minus the invisible character.
    assert typed[field].replace("\x01", "").split("\r\n")[0] in html
    assert "(617) 555-0134" in html
    # Sent again as shown, it goes through.
    resent = send(client, form_data(**{field: typed[field].replace("\x01", "")}))
    assert resent.status_code == 302


def test_the_form_view_hides_post_data_from_error_reports(client, contact_page):
    response = send(client, form_data())
    assert response.wsgi_request.sensitive_post_parameters == "__ALL__"


@pytest.mark.fault("input")
def test_an_error_report_never_shows_what_a_family_typed(contact_page, monkeypatch):
    import sys

    from django.core.signals import got_request_exception
    from django.test import Client
    from django.views.debug import ExceptionReporter

    from contact.models import Inquiry as InquiryModel

    def broken_save(self, *args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(InquiryModel, "save", broken_save)
    reports = []

    def capture(sender, request, **kwargs):
        reports.append(ExceptionReporter(request, *sys.exc_info()).get_traceback_text())

    got_request_exception.connect(capture)
    try:
        response = Client(raise_request_exception=False).post(
            "/contact/",
            form_data(name="Quentin Uniquename", message="secret-detail-xyz"),
        )
    finally:
        got_request_exception.disconnect(capture)
    assert response.status_code == 500
    (report,) = reports
    assert "database went away" in report
    assert "Uniquename" not in report
    assert "secret-detail-xyz" not in report


def test_nothing_a_family_types_is_logged(
    client, contact_page, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        send(client, form_data(name="Quentin Uniquename", message="secret-detail-xyz"))
    assert "Uniquename" not in caplog.text
    assert "secret-detail-xyz" not in caplog.text


def test_form_token_endpoint_gives_fresh_uncached_tokens(client, contact_page):
    first = client.get("/contact/form-token/")
    second = client.get("/contact/form-token/")
    assert first.status_code == 200
    assert "no-store" in first["Cache-Control"]
    assert first.json()["formToken"] != second.json()["formToken"]
    assert first.json()["csrfToken"]


def test_thank_you_page_is_not_indexed_or_cached(client, contact_page):
    response = client.get(THANK_YOU_URL)
    assert "no-store" in response["Cache-Control"]
    assert 'name="robots" content="noindex"' in response.content.decode()


def test_inquiry_form_block_posts_to_the_contact_page_without_baked_in_tokens(
    rf, contact_page, home_page
):
    from contact.blocks import InquiryFormBlock

    block = InquiryFormBlock()
    request = rf.get("/")
    html = block.render(
        block.to_python({"heading": "Ask us", "text": "We reply fast."}),
        context={"page": home_page, "request": request, "settings": _settings(request)},
    )
    assert "<h2" in html and "Ask us" in html
    assert 'action="/contact/"' in html
    assert 'data-token-url="/contact/form-token/"' in html
    assert 'name="csrfmiddlewaretoken" value=""' in html
    assert f'name="source_page" value="{home_page.pk}"' in html
    token_input = re.search(r'<input type="hidden" name="form_token"[^>]*>', html)
    assert token_input and "value=" not in token_input.group()
    assert "866.276.1920" in html
    # Without JavaScript the link to the contact page is the way in.
    assert 'href="/contact/"' in html


def test_a_post_from_the_block_is_handled_like_the_contact_page(
    client, contact_page, home_page
):
    response = send(client, form_data(source_page=str(home_page.pk)))
    assert response.status_code == 302
    assert Inquiry.objects.get().source_page_id == home_page.pk


def _settings(request):
    from wagtail.contrib.settings.context_processors import settings

    return settings(request)["settings"]


def test_a_page_body_with_the_inquiry_form_block_renders_the_compact_form(
    client, contact_page, home_page
):
    from tests.pages import make_standard_page

    page = make_standard_page(
        home_page,
        title="Insurance",
        body=[
            ("inquiry_form", {"heading": "Questions about cover?", "text": ""}),
        ],
    )
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Questions about cover?" in html
    assert 'action="/contact/"' in html
    assert f'name="source_page" value="{page.pk}"' in html
    # The page itself carries no token a shared cache could hand to others.
    assert 'name="csrfmiddlewaretoken" value=""' in html
    assert "contact/inquiry-form" in html


def test_contact_page_and_a_post_use_a_fixed_number_of_queries(
    client, contact_page, django_assert_max_num_queries
):
    client.get("/contact/")  # warm the site and settings caches
    # The page and its route are remembered like any page's; only the form is
    # rendered afresh (measured: none, and 12 for a post; 5 and 17 while the
    # route of a routable page was walked on every view).
    with django_assert_max_num_queries(0):
        client.get("/contact/")
    with django_assert_max_num_queries(14):
        send(client, form_data())


def post_without_csrf_token(referer=None, data=None):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.get("/contact/")
    extra = {"HTTP_REFERER": referer} if referer else {}
    return client.post("/contact/", data or form_data(), **extra)


def test_a_failed_security_check_shows_our_page_with_the_phone_and_the_way_back(
    contact_page,
):
    response = post_without_csrf_token(
        referer="http://testserver/contact/?utm_source=spring",
        data=form_data(name="Quentin Uniquename", message="secret-detail-xyz"),
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert "no-cache" in response["Cache-Control"]
    assert "<h1>Your form could not be sent</h1>" in html
    assert 'href="tel:+18662761920"' in html and "866.276.1920" in html
    assert '<a href="/contact/">Go back to the form</a>' in html
    assert '<main id="main"' in html and '<html lang="en"' in html
    assert "Uniquename" not in html and "secret-detail-xyz" not in html
    assert "spring" not in html
    assert Inquiry.objects.count() == 0


@pytest.mark.fault("input")
@pytest.mark.parametrize(
    "referer",
    ["https://evil.example/contact/", "//evil.example/contact/", "javascript:x", ""],
)
def test_the_way_back_never_leads_off_the_site(contact_page, referer):
    response = post_without_csrf_token(referer=referer)
    html = response.content.decode()
    assert response.status_code == 403
    assert "evil.example" not in html and "javascript:" not in html
    assert '<a href="/">go to the home page</a>' in html
