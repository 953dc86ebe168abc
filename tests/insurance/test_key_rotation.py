"""A key rotation re-encrypts insurance details and card photos alike."""

import io

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

import pytest
from cryptography.fernet import Fernet

from contact.models import Inquiry
from core import encryption
from insurance import cards
from insurance.models import InsuranceDetails

pytestmark = pytest.mark.django_db


def test_rotating_the_key_keeps_every_detail_and_photo_readable(insurers):
    old_key, new_key = settings.FIELD_ENCRYPTION_KEYS[0], Fernet.generate_key().decode()
    inquiry = Inquiry.objects.create(
        name="Sam", help_for="myself", kind=Inquiry.Kind.INSURANCE
    )
    photo = cards.store(b"\xff\xd8 a card photo")
    InsuranceDetails.objects.create(
        inquiry=inquiry,
        insurer=insurers[0],
        member_id="XJH123456789",
        holder_name="Sam",
        holder_date_of_birth="1980-02-03",
        relationship="self",
        card_front=photo,
    )
    before = (settings.INSURANCE_CARD_ROOT / photo).read_bytes()
    with override_settings(FIELD_ENCRYPTION_KEYS=[new_key, old_key]):
        out = io.StringIO()
        call_command("reencrypt_fields", stdout=out)
    assert "insurance card photos: 1 files re-encrypted" in out.getvalue()
    assert (settings.INSURANCE_CARD_ROOT / photo).read_bytes() != before
    with override_settings(FIELD_ENCRYPTION_KEYS=[new_key]):
        details = InsuranceDetails.objects.get()
        assert details.member_id == "XJH123456789"
        assert details.holder_date_of_birth == "1980-02-03"
        assert cards.read(photo) == b"\xff\xd8 a card photo"
    with pytest.raises(encryption.UnreadableValue):
        cards.read(photo)
