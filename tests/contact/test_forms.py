import time
from unittest import mock

import pytest

from contact.forms import InquiryForm, issue_form_token

from .conftest import form_data

pytestmark = pytest.mark.django_db


def test_valid_inquiry_normalises_the_phone_number():
    form = InquiryForm(form_data(phone="617.555.0134"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == "+16175550134"
    assert form.bot_reason == ""


def test_phone_or_email_is_required_and_the_error_says_so():
    form = InquiryForm(form_data(phone="", email="", preferred_contact_method="any"))
    assert not form.is_valid()
    assert "at least one" in form.errors["phone"][0]


def test_email_alone_is_enough():
    form = InquiryForm(
        form_data(phone="", email="sam@example.org", preferred_contact_method="")
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["preferred_contact_method"] == "any"


def test_asking_for_a_call_needs_a_phone_number():
    form = InquiryForm(
        form_data(phone="", email="sam@example.org", preferred_contact_method="text")
    )
    assert not form.is_valid()
    assert "call or text" in form.errors["phone"][0]


def test_invalid_phone_number_says_how_to_fix_it():
    form = InquiryForm(form_data(phone="12345"))
    assert not form.is_valid()
    assert "866.276.1920" in form.errors["phone"][0]


def test_consent_is_required():
    data = form_data()
    del data["consent_to_contact"]
    form = InquiryForm(data)
    assert not form.is_valid()
    assert "may contact you" in form.errors["consent_to_contact"][0]


def test_honeypot_marks_a_bot_without_an_error():
    form = InquiryForm(form_data(website="http://spam.example"))
    assert form.is_valid()
    assert form.bot_reason == "honeypot"


def test_a_form_sent_faster_than_a_person_types_marks_a_bot():
    form = InquiryForm(form_data(form_token=issue_form_token()))
    assert form.is_valid()
    assert form.bot_reason == "sent too fast"


@pytest.mark.fault("input")
@pytest.mark.parametrize("token", ["", "forged", issue_form_token() + "x"])
def test_missing_or_forged_token_is_refused_and_replaced(token):
    form = InquiryForm(form_data(form_token=token))
    assert not form.is_valid()
    assert "send it again" in form.non_field_errors()[0]
    assert form.data["form_token"] != token


def test_expired_token_is_refused():
    two_days_ago = time.time() - 2 * 86400
    with mock.patch("time.time", return_value=two_days_ago):
        expired = issue_form_token()
    form = InquiryForm(form_data(form_token=expired))
    assert not form.is_valid()
    assert "expired" in form.non_field_errors()[0]


def test_hidden_campaign_fields_are_trimmed_not_refused():
    form = InquiryForm(
        form_data(utm_source="x" * 500, utm_medium="cpc\x00", source_page="abc")
    )
    assert form.is_valid(), form.errors
    assert len(form.cleaned_data["utm_source"]) == 100
    assert form.cleaned_data["utm_medium"] == "cpc"
    assert form.cleaned_data["source_page"] is None


def test_unbound_form_carries_a_fresh_one_time_token():
    first, second = InquiryForm(), InquiryForm()
    assert first.initial["form_token"] != second.initial["form_token"]
