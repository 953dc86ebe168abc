"""The contact page's blank form is kept; each visitor's hidden values are not.

A family opening the contact page from a campaign link gets a form whose hidden
fields carry their own one-time token and campaign, whatever the visitor before
them had, and markup identical to a form rendered afresh.
"""

import re

from django.template.loader import render_to_string
from django.test import RequestFactory

import pytest

from contact.forms import InquiryForm

pytestmark = pytest.mark.django_db

HIDDEN = re.compile(r'<input type="hidden" name="(\w+)"[^>]*>')


def form_markup(html):
    start = html.index('<form class="inquiry-form"')
    return html[start : html.index("</form>", start)]


def hidden_inputs(html):
    return {match.group(1): match.group(0) for match in HIDDEN.finditer(html)}


def fields_rendered_afresh(**initial):
    return render_to_string(
        "contact/includes/inquiry_fields.html", {"form": InquiryForm(initial=initial)}
    )


def test_each_visitor_gets_their_own_token_and_campaign(client, contact_page):
    first = client.get("/contact/?utm_source=newsletter&utm_campaign=spring")
    second = client.get('/contact/?utm_source=a"<b>&c')
    third = client.get("/contact/")
    first_inputs, second_inputs, third_inputs = (
        hidden_inputs(form_markup(response.content.decode()))
        for response in (first, second, third)
    )
    tokens = {
        re.search(r'value="([^"]+)"', inputs["form_token"]).group(1)
        for inputs in (first_inputs, second_inputs, third_inputs)
    }
    assert len(tokens) == 3
    assert 'value="newsletter"' in first_inputs["utm_source"]
    assert 'value="spring"' in first_inputs["utm_campaign"]
    # Escaped as Django's widgets escape, never cut short or left raw.
    assert 'value="a&quot;&lt;b&gt;"' in second_inputs["utm_source"]
    assert "value=" not in second_inputs["utm_campaign"]
    assert "value=" not in third_inputs["utm_source"]
    for inputs in (first_inputs, second_inputs, third_inputs):
        assert f'value="{contact_page.pk}"' in inputs["source_page"]


def test_kept_markup_is_the_markup_rendered_afresh(contact_page):
    from django.template import engines

    template = engines["django"].from_string(
        '{% load form_tags %}{% form_fields "contact/includes/inquiry_fields.html" form %}'
    )
    request = RequestFactory().get("/contact/")
    for campaign in ("", "spring", "x&y", "<script>"):
        initial = {
            "form_token": f"token-{campaign}",
            "source_page": contact_page.pk,
            "utm_campaign": campaign,
        }
        kept = template.render({"form": InquiryForm(initial=initial)}, request)
        assert kept == fields_rendered_afresh(**initial)


def test_a_form_sent_back_with_mistakes_shows_the_answers(client, contact_page):
    client.get("/contact/")  # the blank form kept
    response = client.post(
        "/contact/", {"name": "Jordan Reyes", "message": "About my brother"}
    )
    html = form_markup(response.content.decode())
    assert 'value="Jordan Reyes"' in html and "About my brother" in html
    assert "field--error" in html


def test_a_new_phone_intro_and_privacy_notice_show_on_the_next_view(
    client, contact_page, center, committed
):
    html = client.get("/contact/").content.decode()
    assert "Only admissions staff read this." in html and "866.276.1920" in html
    with committed():
        center.admissions_phone = "(617) 555-0134"
        center.full_clean()
        center.save()
    html = client.get("/contact/").content.decode()
    assert "617.555.0134" in html and "866.276.1920" not in html
    with committed():
        contact_page.intro = "<p>We answer every message within a day.</p>"
        contact_page.privacy_notice = "<p>Encrypted, and read by admissions only.</p>"
        contact_page.save_revision().publish()
    html = client.get("/contact/").content.decode()
    assert "We answer every message within a day." in html
    assert "Encrypted, and read by admissions only." in html
    assert "Only admissions staff read this." not in html
