from django.core.exceptions import ValidationError

import pytest

from core import phone


@pytest.mark.parametrize(
    "typed", ["866.276.1920", "(866) 276-1920", "+1 866 276 1920", "1-866-276-1920"]
)
def test_common_ways_of_typing_the_number_mean_the_same_number(typed):
    assert phone.to_e164(typed) == "+18662761920"
    assert phone.display(typed) == "866.276.1920"
    assert phone.tel_href(typed) == "tel:+18662761920"


def test_short_crisis_codes_are_dialled_as_typed():
    assert phone.tel_href("988") == "tel:988"
    assert phone.tel_href("1-800-662-4357") == "tel:+18006624357"


@pytest.mark.parametrize("typed", ["", "call us", "123", "555-0000-99999999"])
def test_invalid_numbers_are_refused_with_an_example(typed):
    with pytest.raises(ValidationError) as excinfo:
        phone.validate_phone(typed)
    assert "866.276.1920" in str(excinfo.value)
