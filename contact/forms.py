"""The inquiry form: validation a family can act on, and quiet bot detection.

Bots are not told they were caught: a filled honeypot or a form sent faster than
a person could type passes validation, and `bot_reason` says why the view files
the inquiry as spam instead of notifying anyone.
"""

import re
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from contact.models import Inquiry
from core import phone as phone_numbers

# C0 control characters are invisible, never typed on purpose, and refused by
# spreadsheets and some mail software. A message keeps its line breaks and tabs.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
LINE_BREAKS_AND_TABS = re.compile(r"[\t\n\r]")
TYPED_FIELDS = ("name", "phone", "email", "message")
CONTROL_CHARACTER_ERROR = _(
    "This held an invisible control character (often copied along with text "
    "from another program). We removed it and kept the rest: please check it "
    "and send again."
)

FORM_TOKEN_SALT = "contact.inquiry-form-token"  # noqa: S105 (a salt, not a secret)
# A form left open longer than this must be sent again (the token expires).
FORM_TOKEN_MAX_AGE = 60 * 60 * 24


def issue_form_token(issued_at=None):
    """A signed one-time token: a random nonce plus when the form was shown."""
    issued_at = time.time() if issued_at is None else issued_at
    return signing.dumps(
        {"n": secrets.token_urlsafe(18), "t": int(issued_at)}, salt=FORM_TOKEN_SALT
    )


def read_form_token(token):
    """(nonce, issued_at) for a genuine unexpired token, else None."""
    try:
        data = signing.loads(token, salt=FORM_TOKEN_SALT, max_age=FORM_TOKEN_MAX_AGE)
        return str(data["n"]), int(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


class HiddenTextField(forms.CharField):
    """A hidden value no person typed, so never an error: it is trimmed instead.

    Control characters (NUL is refused by PostgreSQL) are dropped and the rest
    cut to length.
    """

    widget = forms.HiddenInput

    def __init__(self, keep_length=100, **kwargs):
        super().__init__(required=False, **kwargs)
        self.keep_length = keep_length
        self.validators = []

    def to_python(self, value):
        value = super().to_python(value)
        value = CONTROL_CHARACTERS.sub("", LINE_BREAKS_AND_TABS.sub(" ", value))
        return value.strip()[: self.keep_length]


class FamilyFormMixin:
    """What every public form does with what a family typed.

    Control characters are removed from `typed_fields` and named beside the
    field (the rest kept), and each error is tied to its field for screen
    readers. `multiline_fields` keep their line breaks and tabs.
    """

    typed_fields = ()
    multiline_fields = ()
    bot_reason = ""
    submission_token = ""

    def without_control_characters(self):
        """Names of typed fields that held control characters, now removed.

        The form is shown again with the cleaned text, so sending it again
        works without the family hunting for a character they cannot see.
        """
        if not self.is_bound:
            return []
        found = []
        cleaned_data = None
        for name in self.typed_fields:
            value = self.data.get(self.add_prefix(name))
            if not isinstance(value, str):
                continue
            if name not in self.multiline_fields:
                value_on_one_line = LINE_BREAKS_AND_TABS.sub(" ", value)
            else:
                value_on_one_line = value
            cleaned = CONTROL_CHARACTERS.sub("", value_on_one_line)
            if cleaned != value:
                if cleaned_data is None:
                    cleaned_data = self.data.copy()
                cleaned_data[self.add_prefix(name)] = cleaned
                found.append(name)
        if cleaned_data is not None:
            self.data = cleaned_data
        return found

    def full_clean(self):
        with_control_characters = self.without_control_characters()
        super().full_clean()
        for name in with_control_characters:
            if name not in self.errors:
                self.add_error(name, CONTROL_CHARACTER_ERROR)
        # Screen readers announce the error with the field it belongs to.
        for name in self.errors:
            if name in self.fields:
                described_by = [f"{self[name].auto_id}-error"]
                if self.fields[name].help_text:
                    described_by.append(f"{self[name].auto_id}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(
                    described_by
                )

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        if not value:
            return ""
        try:
            return phone_numbers.to_e164(value)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc

    def check_form_token(self, cleaned):
        """Sets `submission_token`, and `bot_reason` for a honeypot or a form
        sent faster than a person types; raises for a forged or expired token."""
        token = read_form_token(self.data.get("form_token", ""))
        if token is None:
            # Shown again with a fresh token; a valid one is kept as it is, so
            # fixing a typo does not restart the fill-time clock.
            self.data = self.data.copy()
            self.data["form_token"] = issue_form_token()
            raise ValidationError(
                _(
                    "This form expired or could not be checked. Your answers are "
                    "kept below: please send it again."
                ),
                code="form_token",
            )
        self.submission_token, issued_at = token
        if cleaned.get("website"):
            self.bot_reason = "honeypot"
        elif time.time() - issued_at < settings.INQUIRY_MIN_FILL_SECONDS:
            self.bot_reason = "sent too fast"

    def check_a_way_to_reply(self, cleaned):
        """A phone or an email, and the one their chosen way of reply needs."""
        phone = cleaned.get("phone")
        email = cleaned.get("email")
        method = cleaned.get("preferred_contact_method")
        phone_failed = "phone" in self.errors
        email_failed = "email" in self.errors
        if not phone and not email and not phone_failed and not email_failed:
            self.add_error(
                "phone",
                _(
                    "Give a phone number or an email address (at least one) so we "
                    "can reply."
                ),
            )
        elif method in ("phone", "text") and not phone and not phone_failed:
            self.add_error(
                "phone",
                _("Add a phone number so we can call or text you as you asked."),
            )
        elif method == "email" and not email and not email_failed:
            self.add_error("email", _("Add an email address so we can reply by email."))


class InquiryForm(FamilyFormMixin, forms.ModelForm):
    typed_fields = TYPED_FIELDS
    multiline_fields = ("message",)

    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=40,
        widget=forms.TextInput(
            attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}
        ),
    )
    preferred_contact_method = forms.ChoiceField(
        label=_("Preferred way to reach you"),
        choices=Inquiry.ContactMethod.choices,
        required=False,
        initial=Inquiry.ContactMethod.ANY,
        widget=forms.RadioSelect,
    )
    preferred_contact_time = forms.ChoiceField(
        label=_("Best time to reach you"),
        choices=Inquiry.ContactTime.choices,
        required=False,
        initial=Inquiry.ContactTime.ANY,
        widget=forms.RadioSelect,
    )
    help_for = forms.ChoiceField(
        label=_("Who needs help?"),
        choices=Inquiry.HelpFor.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Tell us who needs help: you or a loved one.")},
    )
    consent_to_contact = forms.BooleanField(
        label=_("I agree that the admissions team may contact me about this inquiry."),
        error_messages={
            "required": _("Tick this box so the admissions team may contact you.")
        },
    )
    # Honeypot: hidden from people (and from screen readers), filled by bots.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_token = HiddenTextField(keep_length=300)
    source_page = HiddenTextField(keep_length=12)
    utm_source = HiddenTextField()
    utm_medium = HiddenTextField()
    utm_campaign = HiddenTextField()
    # Each visitor's own hidden values; the rest of a blank form's markup is
    # the same for everyone and kept ({% form_fields %}, core/templatetags).
    fresh_fields = (
        "form_token",
        "source_page",
        "utm_source",
        "utm_medium",
        "utm_campaign",
    )

    class Meta:
        model = Inquiry
        fields = [
            "name",
            "phone",
            "email",
            "preferred_contact_method",
            "preferred_contact_time",
            "help_for",
            "message",
            "consent_to_contact",
            "utm_source",
            "utm_medium",
            "utm_campaign",
        ]
        labels = {
            "name": _("Your name"),
            "email": _("Email address"),
            "message": _("Message (optional)"),
        }
        help_texts = {
            "message": _(
                "Anything that would help us help you. Please do not send "
                "medical records here."
            ),
        }
        error_messages = {
            "name": {"required": _("Tell us your name, or what we should call you.")},
            "email": {"invalid": _("Enter an email address like name@example.com.")},
            "message": {
                "max_length": _(
                    "Keep the message under %(limit_value)d characters "
                    "(it has %(show_value)d); we can talk through the rest."
                )
            },
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "message": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.bot_reason = ""
        self.submission_token = ""
        self.fields["phone"].help_text = _("Give a phone number, an email, or both.")
        if not self.is_bound:
            self.initial.setdefault("form_token", issue_form_token())

    def clean_preferred_contact_method(self):
        return (
            self.cleaned_data["preferred_contact_method"] or Inquiry.ContactMethod.ANY
        )

    def clean_preferred_contact_time(self):
        return self.cleaned_data["preferred_contact_time"] or Inquiry.ContactTime.ANY

    def clean_source_page(self):
        value = self.cleaned_data["source_page"]
        return int(value) if value.isdigit() else None

    def clean(self):
        cleaned = super().clean()
        self.check_a_way_to_reply(cleaned)

        self.check_form_token(cleaned)
        return cleaned

    def save(self, commit=True):
        inquiry = super().save(commit=False)
        inquiry.submission_token = self.submission_token
        inquiry.source_page_id = self.cleaned_data.get("source_page")
        if commit:
            inquiry.save()
        return inquiry
