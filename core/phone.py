"""Phone numbers: parsed once, shown the way callers expect, dialled as E.164."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

import phonenumbers

DEFAULT_REGION = "US"


def parse(value):
    """Return a PhoneNumber for `value`, or raise ValidationError saying how to fix it."""
    try:
        number = phonenumbers.parse(str(value), DEFAULT_REGION)
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(
            _("Enter a phone number with its area code, for example 866.276.1920.")
        ) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _(
                "That is not a valid phone number. Check the area code and digits, "
                "for example 866.276.1920."
            )
        )
    return number


def to_e164(value):
    return phonenumbers.format_number(parse(value), phonenumbers.PhoneNumberFormat.E164)


def validate_phone(value):
    parse(value)


def normalise_field(instance, field_name):
    """Store a model's phone field as E.164, or raise a ValidationError on that field.

    For a model's clean(), so the admin shows the message next to the field.
    """
    value = getattr(instance, field_name)
    if not value:
        return
    try:
        setattr(instance, field_name, to_e164(value))
    except ValidationError as exc:
        raise ValidationError({field_name: exc.messages}) from exc


def display(value):
    """'+18662761920' -> '866.276.1920' (the dotted style the center uses)."""
    if not value:
        return ""
    try:
        number = parse(value)
    except ValidationError:
        return str(value)
    if number.country_code == 1:
        digits = str(number.national_number)
        return f"{digits[:3]}.{digits[3:6]}.{digits[6:]}"
    return phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )


def tel_href(value):
    """A `tel:` URI; short codes such as 988 stay as dialled."""
    if not value:
        return ""
    raw = "".join(ch for ch in str(value) if ch.isdigit() or ch == "+")
    if len(raw.lstrip("+")) <= 6:
        return f"tel:{raw}"
    try:
        return "tel:" + to_e164(value)
    except ValidationError:
        return f"tel:{raw}"
