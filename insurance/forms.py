"""The three steps of an insurance verification, each validated on the server.

Each step posts to the page. What earlier steps held travels with the form as
one hidden value encrypted with the site's key (`seal_answers`): nothing a
family typed is kept in the session, a cache or a URL before they send it, and
Back shows every answer again. The last step checks all three again before
anything is stored.
"""

import datetime
import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contact.forms import (
    FORM_TOKEN_MAX_AGE,
    FamilyFormMixin,
    HiddenTextField,
    issue_form_token,
)
from contact.models import Inquiry
from core import encryption
from insurance import cards
from insurance.models import InsuranceDetails, Insurer

OTHER_INSURER = "other"
INSURER_REQUIRED = _("Choose your insurance company, or “Other” to type it.")
# Kept per answer when a step is left with Back (not yet checked).
LONGEST_KEPT_ANSWER = 5000
JOURNEY_FIELDS = (
    "form_token",
    "source_page",
    "utm_source",
    "utm_medium",
    "utm_campaign",
)


class StepForm(FamilyFormMixin, forms.Form):
    """A step: its own fields plus the journey's hidden values (token, page,
    campaign), which every step carries."""

    title = ""
    form_token = HiddenTextField(keep_length=300)
    source_page = HiddenTextField(keep_length=12)
    utm_source = HiddenTextField()
    utm_medium = HiddenTextField()
    utm_campaign = HiddenTextField()

    def answer_fields(self):
        return [name for name in self.fields if name not in JOURNEY_FIELDS]

    def typed_answers(self):
        """What the family put in this step's own fields, as sent."""
        return {
            name: str(self.data.get(self.add_prefix(name), ""))[:LONGEST_KEPT_ANSWER]
            for name in self.answer_fields()
            if not isinstance(self.fields[name], forms.FileField)
        }

    def journey(self):
        return {name: self.data.get(name, "") for name in JOURNEY_FIELDS}

    def clean_source_page(self):
        value = self.cleaned_data["source_page"]
        return int(value) if value.isdigit() else None


class WhoNeedsHelpStep(StepForm):
    title = _("Who needs help")
    typed_fields = ("name", "phone", "email")

    help_for = forms.ChoiceField(
        label=_("Who needs help?"),
        choices=Inquiry.HelpFor.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Tell us who needs help: you or a loved one.")},
    )
    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={
            "required": _("Tell us your name, or what we should call you."),
            "max_length": _("Keep the name under %(limit_value)d characters."),
        },
    )
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=40,
        help_text=_("Give a phone number, an email, or both."),
        widget=forms.TextInput(
            attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}
        ),
    )
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Enter an email address like name@example.com.")},
    )
    preferred_contact_time = forms.ChoiceField(
        label=_("Best time to call"),
        choices=Inquiry.ContactTime.choices,
        required=False,
        initial=Inquiry.ContactTime.ANY,
        widget=forms.RadioSelect,
    )

    def clean_preferred_contact_time(self):
        return self.cleaned_data["preferred_contact_time"] or Inquiry.ContactTime.ANY

    def clean(self):
        cleaned = super().clean()
        self.check_a_way_to_reply(cleaned)
        return cleaned


def insurer_choices():
    return [
        ("", _("Choose your insurance company")),
        *((str(insurer.pk), insurer.name) for insurer in Insurer.objects.all()),
        (OTHER_INSURER, _("Other (not on this list)")),
    ]


class InsurerField(forms.ChoiceField):
    """Required, but checked by InsuranceStep.clean_insurer: a name typed in
    "not on the list" stands for choosing "Other"."""

    def validate(self, value):
        if value:
            super().validate(value)


class InsuranceStep(StepForm):
    title = _("Your insurance")
    typed_fields = ("insurer_other", "member_id", "group_number", "holder_name")

    insurer = InsurerField(
        label=_("Insurance company"),
        choices=insurer_choices,
        error_messages={
            "invalid_choice": _(
                "Choose your insurance company from the list, or “Other” to type it."
            ),
        },
    )
    insurer_other = forms.CharField(
        label=_("Insurance company, if not on the list"),
        required=False,
        max_length=120,
        error_messages={
            "max_length": _("Keep the company's name under %(limit_value)d characters.")
        },
    )
    member_id = forms.CharField(
        label=_("Member ID"),
        max_length=40,
        help_text=_("On the front of the card, often beside “ID” or “Member”."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter the member ID from the card."),
            "max_length": _(
                "A member ID is at most %(limit_value)d characters: "
                "check it against the card."
            ),
        },
    )
    group_number = forms.CharField(
        label=_("Group number (optional)"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "max_length": _(
                "A group number is at most %(limit_value)d characters: "
                "check it against the card."
            )
        },
    )
    holder_name = forms.CharField(
        label=_("Policy holder's full name"),
        max_length=150,
        help_text=_("The person whose name is on the card."),
        error_messages={
            "required": _("Enter the name of the person whose name is on the card."),
            "max_length": _("Keep the name under %(limit_value)d characters."),
        },
    )
    holder_date_of_birth = forms.DateField(
        label=_("Policy holder's date of birth"),
        input_formats=["%Y-%m-%d", "%m/%d/%Y", "%m-%d-%Y"],
        # A date input's value is ISO in every language (Spanish would
        # otherwise write 27/04/1975, which the browser shows as empty).
        widget=forms.DateInput(
            format="%Y-%m-%d", attrs={"type": "date", "autocomplete": "off"}
        ),
        error_messages={
            "required": _("Enter the policy holder's date of birth."),
            "invalid": _("Enter the date of birth as month/day/year, like 04/27/1975."),
        },
    )
    relationship = forms.ChoiceField(
        label=_("The policy holder is"),
        choices=InsuranceDetails.Relationship.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Tell us who the policy holder is to the patient.")
        },
    )

    def clean_holder_date_of_birth(self):
        born = self.cleaned_data["holder_date_of_birth"]
        today = timezone.localdate()
        if born > today or born < today - datetime.timedelta(days=365 * 120):
            raise ValidationError(
                _(
                    "Check the date of birth: it should be a date in the past, "
                    "like 04/27/1975."
                )
            )
        return born

    def clean_insurer(self):
        # A name typed in the "not on the list" box with the list left alone
        # means "Other": without JavaScript both are always shown.
        value = self.cleaned_data["insurer"]
        if value:
            return value
        if self.data.get(self.add_prefix("insurer_other"), "").strip():
            return OTHER_INSURER
        raise ValidationError(INSURER_REQUIRED, code="required")

    def clean(self):
        cleaned = super().clean()
        typed = cleaned.get("insurer_other", "").strip()
        chosen = cleaned.get("insurer")
        if chosen == OTHER_INSURER and not typed:
            self.add_error(
                "insurer_other", _("Type the name of your insurance company.")
            )
        elif chosen and chosen != OTHER_INSURER and typed:
            self.add_error(
                "insurer_other",
                _(
                    "You chose a company from the list and typed another: choose "
                    "“Other” in the list to use the one you typed, or clear this box."
                ),
            )
        return cleaned

    @property
    def chosen_insurer(self):
        value = self.cleaned_data.get("insurer")
        if value in (None, "", OTHER_INSURER):
            return None
        return Insurer.objects.filter(pk=value).first()


class CardPhotoField(forms.FileField):
    """An optional photo of the card, taken with the phone's camera."""

    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            error_messages={"empty": cards.NOT_A_PHOTO, "invalid": cards.NOT_A_PHOTO},
            widget=forms.FileInput(
                attrs={
                    "accept": "image/jpeg,image/png,image/heic,image/heif,image/webp",
                    "capture": "environment",
                }
            ),
            **kwargs,
        )

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        return cards.readable_jpeg(upload) if upload else None


class CardsAndConsentStep(StepForm):
    title = _("Card photos and consent")
    typed_fields = ("message",)
    multiline_fields = ("message",)

    card_front = CardPhotoField(
        label=_("Front of the card (optional)"),
        help_text=_(
            "JPEG, PNG, HEIC or WebP, up to 10 MB. On a phone this opens the camera."
        ),
    )
    card_back = CardPhotoField(label=_("Back of the card (optional)"))
    message = forms.CharField(
        label=_("Anything else we should know? (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": _(
                "Keep this under %(limit_value)d characters (it has "
                "%(show_value)d); we can talk through the rest."
            )
        },
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the admissions team may use these details to check "
            "my coverage and contact me about it."
        ),
        error_messages={
            "required": _(
                "Tick this box so we may check your coverage and contact you."
            )
        },
    )
    # Honeypot: hidden from people (and from screen readers), filled by bots.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean(self):
        cleaned = super().clean()
        self.check_form_token(cleaned)
        return cleaned


STEPS = [WhoNeedsHelpStep, InsuranceStep, CardsAndConsentStep]


def new_journey(page, query):
    """The hidden values of a verification starting now, from this visit."""
    source = query.get("from", "")
    return {
        "form_token": issue_form_token(),
        "source_page": source if source.isdigit() else str(page.pk),
        **{name: query.get(name, "")[:100] for name in JOURNEY_FIELDS[2:]},
    }


def seal_answers(answers):
    """{step number: typed answers} as one encrypted, dated hidden value."""
    return encryption.encrypt_bytes(json.dumps(answers).encode()).decode("ascii")


def open_answers(sealed):
    """The answers sealed on an earlier step, or None if forged or expired."""
    if not sealed:
        return {}
    try:
        answers = json.loads(
            encryption.decrypt_bytes(sealed.encode("ascii"), ttl=FORM_TOKEN_MAX_AGE)
        )
    except (encryption.UnreadableValue, UnicodeEncodeError, ValueError):
        return None
    if not isinstance(answers, dict):
        return None
    return {
        str(step): {str(k): str(v) for k, v in values.items()}
        for step, values in answers.items()
        if isinstance(values, dict)
    }
