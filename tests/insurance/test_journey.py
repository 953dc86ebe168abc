"""A family checks their coverage in three steps, with no JavaScript: each step
posts to the server, Back keeps every answer, an error keeps every answer, and
only the last step stores anything."""

import io
import re
from html import unescape

from django.conf import settings
from django.core import mail
from django.test import override_settings

import pytest
from PIL import Image

from contact.models import Inquiry
from insurance import cards
from insurance.models import InsuranceDetails
from tests.privacy import files_holding, tables_holding

from .conftest import LAST, PAGE_URL, WHO, insurance_answers, journey, photo

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def typed_at_a_persons_pace(settings):
    """Each test posts at once; a person takes longer than the bot check's limit."""
    settings.INQUIRY_MIN_FILL_SECONDS = 0


def hidden_values(response):
    """The hidden inputs of the form on `response`, as a browser sends them back."""
    html = response.content.decode()
    return {
        name: unescape(value)
        for name, value in re.findall(
            r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html
        )
    }


def step(client, previous, fields, nav="next", **files):
    """Fill in the step shown on `previous` and press Continue (or Back)."""
    data = {**hidden_values(previous), "nav": nav, **fields, **files}
    return client.post(PAGE_URL, data)


def through_step_2(client, insurers):
    first = client.get(PAGE_URL)
    second = step(client, first, WHO)
    return step(client, second, insurance_answers(insurers[1]))


def stored_card_files():
    root = settings.INSURANCE_CARD_ROOT
    return sorted(p.name for p in root.rglob("*")) if root.exists() else []


def heading(response):
    return re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S)[1]


def test_a_family_checks_coverage_in_three_steps_with_a_card_photo(
    client, verify_page, insurers, center, django_capture_on_commit_callbacks
):
    center.crisis_lines = [
        (
            "crisis_line",
            {"name": "988 Suicide & Crisis Lifeline", "phone": "988", "note": ""},
        )
    ]
    center.save()
    first = client.get(PAGE_URL + "?utm_source=google&utm_campaign=coverage")
    html = first.content.decode()
    assert first.status_code == 200
    assert "no-store" in first["Cache-Control"]
    assert "Step 1 of 3: Who needs help" in heading(first)
    assert "<title>Step 1 of 3: Who needs help" in html
    assert html.count("<h1") == 1
    assert 'aria-current="step"' in html
    assert 'href="tel:+18662761920"' in html
    assert "We check your benefits for free." in html

    second = step(client, first, WHO)
    assert second.status_code == 200
    assert "Step 2 of 3: Your insurance" in heading(second)
    # The carrier list is the editable accepted-insurers list, plus "Other".
    assert ">Tufts Health Plan</option>" in second.content.decode()
    assert 'value="other"' in second.content.decode()
    # Nothing typed so far is in the page as plain text, nor stored.
    assert "Jordan Reyes" not in second.content.decode()
    assert Inquiry.objects.count() == 0

    third = step(client, second, insurance_answers(insurers[1]))
    assert "Step 3 of 3: Card photos and consent" in heading(third)
    assert 'capture="environment"' in third.content.decode()
    assert "Only admissions staff see these details." in third.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        sent = step(
            client,
            third,
            LAST,
            card_front=photo("front.jpg"),
            card_back=photo("back.png", format="PNG"),
        )
    assert sent.status_code == 302
    assert sent["Location"] == PAGE_URL + "thank-you/"

    inquiry = Inquiry.objects.get()
    assert inquiry.kind == Inquiry.Kind.INSURANCE
    assert inquiry.verification_status == Inquiry.Verification.NEW
    assert (inquiry.name, inquiry.phone, inquiry.help_for) == (
        "Jordan Reyes",
        "+16175550134",
        "loved_one",
    )
    assert inquiry.preferred_contact_time == "evening"
    assert (inquiry.utm_source, inquiry.utm_campaign) == ("google", "coverage")
    assert inquiry.source_page_id == verify_page.pk
    details = inquiry.insurance
    assert details.insurer == insurers[1]
    assert (details.member_id, details.group_number) == ("XJH123456789", "GRP-0042")
    assert (details.holder_name, details.holder_date_of_birth) == (
        "Maria Reyes",
        "1968-04-27",
    )
    assert details.relationship == "parent"
    front = Image.open(io.BytesIO(cards.read(details.card_front)))
    assert front.format == "JPEG" and front.size == (1200, 760)
    assert Image.open(io.BytesIO(cards.read(details.card_back))).format == "JPEG"

    # Admissions hear of it, without anything the family gave.
    assert len(mail.outbox) == 1
    assert "insurance verification" in mail.outbox[0].subject.lower()
    for secret in ("Jordan", "XJH123456789", "Maria", "1968"):
        assert secret not in mail.outbox[0].subject + mail.outbox[0].body

    thank_you = client.get(sent["Location"])
    page = thank_you.content.decode()
    assert thank_you.status_code == 200
    assert "What happens next" in page
    assert 'href="tel:+18662761920"' in page
    assert 'href="tel:988"' in page


def test_what_they_give_is_encrypted_at_rest(client, verify_page, insurers):
    third = through_step_2(client, insurers)
    step(
        client,
        third,
        {**LAST, "message": "Canary-ins-9d2e worried about costs"},
        card_front=photo(),
    )
    details = InsuranceDetails.objects.get()
    for canary in ("XJH123456789", "GRP-0042", "1968-04-27", "Canary-ins-9d2e"):
        assert tables_holding(canary) == [], canary
        assert files_holding(canary, settings.MEDIA_ROOT) == []
    raw = (settings.INSURANCE_CARD_ROOT / details.card_front).read_bytes()
    assert raw.startswith(b"gAAAA")
    assert b"JFIF" not in raw and b"\xff\xd8" not in raw
    assert not str(settings.INSURANCE_CARD_ROOT).startswith(str(settings.MEDIA_ROOT))


def test_back_never_loses_what_was_typed(client, verify_page, insurers):
    first = client.get(PAGE_URL)
    second = step(client, first, WHO)
    # Half of step 2 typed, then Back: not checked, but kept.
    half = {"member_id": "HALF-TYPED-77", "holder_name": "Maria R"}
    back = step(client, second, half, nav="back")
    assert "Step 1 of 3" in heading(back)
    assert 'value="Jordan Reyes"' in back.content.decode()
    assert "field__error" not in back.content.decode()
    again = step(client, back, WHO)
    assert "Step 2 of 3" in heading(again)
    assert 'value="HALF-TYPED-77"' in again.content.decode()
    assert 'value="Maria R"' in again.content.decode()

    # From the last step, the message and the ticked consent come back too.
    third = step(client, again, insurance_answers(insurers[0]))
    back_from_3 = step(
        client,
        third,
        {"message": "Call after 6", "consent": "on"},
        nav="back",
    )
    assert 'value="XJH123456789"' in back_from_3.content.decode()
    forward = step(client, back_from_3, insurance_answers(insurers[0]))
    assert "Call after 6</textarea>" in forward.content.decode()
    assert re.search(r'name="consent"[^>]*checked', forward.content.decode())
    assert Inquiry.objects.count() == 0


@pytest.mark.parametrize(
    ("number", "fields", "field", "message"),
    [
        (1, {**WHO, "name": ""}, "name", "Tell us your name"),
        (1, {**WHO, "phone": "", "email": ""}, "phone", "at least one"),
        (1, {**WHO, "help_for": ""}, "help_for", "who needs help"),
        (2, {"member_id": ""}, "member_id", "Enter the member ID"),
        (2, {"insurer": "999999"}, "insurer", "from the list"),
        (
            2,
            {"insurer": "other", "insurer_other": ""},
            "insurer_other",
            "Type the name",
        ),
        (
            2,
            {"holder_date_of_birth": "13/45/1970"},
            "holder_date_of_birth",
            "month/day",
        ),
        (
            2,
            {"holder_date_of_birth": "2099-01-01"},
            "holder_date_of_birth",
            "in the past",
        ),
        (2, {"member_id": "9" * 10_000}, "member_id", "at most 40"),
        (2, {"holder_name": "Maria\x00Reyes"}, "holder_name", "invisible control"),
    ],
)
def test_an_error_says_what_to_fix_beside_the_field_and_keeps_the_rest(
    client, verify_page, insurers, number, fields, field, message
):
    previous = client.get(PAGE_URL)
    if number == 2:
        previous = step(client, previous, WHO)
        fields = {**insurance_answers(insurers[0]), **fields}
    response = step(client, previous, fields)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Step {number} of 3" in heading(response)
    error = re.search(rf'id="id_{field}-error">([^<]*)<', html)
    assert error and message.lower() in error[1].lower(), html
    assert f'href="#id_{field}"' in html  # the summary links to it
    # Every other answer is still there.
    for name, value in fields.items():
        if (
            name != field
            and value
            and name not in {"help_for", "relationship", "insurer"}
        ):
            assert f'value="{value}"' in html, name
    assert Inquiry.objects.count() == 0


def test_another_insurer_can_be_typed(client, verify_page, insurers):
    first = client.get(PAGE_URL)
    second = step(client, first, WHO)
    other = {**insurance_answers(insurers[0]), "insurer": "other"}
    third = step(
        client,
        second,
        {**other, "insurer_other": "Fallon Health"},
    )
    step(client, third, LAST)
    details = InsuranceDetails.objects.get()
    assert (details.insurer, details.insurer_name) == (None, "Fallon Health")


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: photo("card.jpg", quality=95, subsampling=0), None),
        (
            lambda: photo_bytes("notes.jpg", b"this is a shopping list, not a card"),
            "not a photo we can open",
        ),
        (
            lambda: photo_bytes("huge.jpg", b"\xff\xd8" + b"0" * (10 * 1024 * 1024)),
            "10 MB",
        ),
        (lambda: photo_bytes("bomb.png", png_claiming(30_000, 30_000)), "more pixels"),
        (
            lambda: photo("card.gif", size=(40, 30), format="GIF"),
            "not a photo we can open",
        ),
    ],
    ids=["jpeg", "not-an-image", "over-10-mb", "decompression-bomb", "gif"],
)
def test_each_card_photo_is_checked_before_anything_is_kept(
    client, verify_page, insurers, upload, message
):
    third = through_step_2(client, insurers)
    response = step(
        client,
        third,
        {**LAST, "message": "Keep this message"},
        card_front=upload(),
    )
    if message is None:
        assert response.status_code == 302
        assert len(stored_card_files()) == 1
        return
    html = response.content.decode()
    assert response.status_code == 200
    error = re.search(r'id="id_card_front-error">([^<]*)<', html)
    assert error and message in error[1], html
    assert "Keep this message</textarea>" in html
    assert "choose them again" in html
    assert Inquiry.objects.count() == 0
    assert stored_card_files() == []


def photo_bytes(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def png_claiming(width, height):
    """A small PNG whose header claims width x height pixels."""
    import struct
    import zlib

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * (width + 1) * 4)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def test_a_photo_keeps_its_pixels_and_loses_its_location(client, verify_page, insurers):
    exif = Image.Exif()
    exif[0x0112] = 6  # taken with the phone turned: shown rotated
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8825)[2] = (42.0, 22.0, 36.0)  # GPS latitude
    third = through_step_2(client, insurers)
    sent = step(
        client,
        third,
        LAST,
        card_front=photo(size=(1600, 1000), exif=exif.tobytes()),
    )
    assert sent.status_code == 302
    kept = Image.open(io.BytesIO(cards.read(InsuranceDetails.objects.get().card_front)))
    assert kept.size == (1000, 1600)  # upright
    assert dict(kept.getexif()) == {}
    assert "exif" not in kept.info


def test_a_phone_photo_in_heic_is_accepted(client, verify_page, insurers):
    image = Image.new("RGB", (800, 500), (200, 30, 30))
    buffer = io.BytesIO()
    image.save(buffer, "HEIF")
    third = through_step_2(client, insurers)
    sent = step(
        client,
        third,
        LAST,
        card_front=photo_bytes("IMG_0042.HEIC", buffer.getvalue()),
    )
    assert sent.status_code == 302
    kept = Image.open(io.BytesIO(cards.read(InsuranceDetails.objects.get().card_front)))
    assert kept.format == "JPEG" and kept.size == (800, 500)


def test_consent_is_needed_and_its_absence_keeps_everything(
    client, verify_page, insurers
):
    third = through_step_2(client, insurers)
    response = step(
        client,
        third,
        {"message": "Please call my cell", "consent": ""},
        card_front=photo(),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tick this box" in html
    assert "Please call my cell</textarea>" in html
    assert Inquiry.objects.count() == 0
    assert stored_card_files() == []
    # And Back from here still has step 2's answers.
    back = step(client, response, {}, nav="back")
    assert 'value="XJH123456789"' in back.content.decode()


def test_a_double_submit_makes_one_verification(client, verify_page, insurers):
    third = through_step_2(client, insurers)
    first = step(client, third, LAST, card_front=photo())
    second = step(client, third, LAST, card_front=photo())
    assert first.status_code == second.status_code == 302
    assert Inquiry.objects.count() == 1
    assert len(stored_card_files()) == 1


def test_the_last_step_alone_stores_nothing(client, verify_page, insurers):
    """A post of step 3 with no earlier answers goes back to step 1."""
    response = client.post(
        PAGE_URL, {**journey(), "step": "3", "answers": "", "nav": "next", **LAST}
    )
    assert response.status_code == 200
    assert "Step 1 of 3" in heading(response)
    assert Inquiry.objects.count() == 0


def test_forged_or_expired_answers_start_again_with_a_message(
    client, verify_page, insurers
):
    response = client.post(
        PAGE_URL,
        {
            **journey(),
            "step": "2",
            "answers": "gAAAAforged",
            "nav": "next",
            **insurance_answers(insurers[0]),
        },
    )
    assert "Step 1 of 3" in heading(response)
    assert "open too long" in response.content.decode()
    assert Inquiry.objects.count() == 0


def test_crisis_words_make_it_urgent(
    client, verify_page, insurers, django_capture_on_commit_callbacks
):
    third = through_step_2(client, insurers)
    with django_capture_on_commit_callbacks(execute=True):
        sent = step(
            client,
            third,
            {**LAST, "message": "I am scared he will overdose again"},
        )
    assert Inquiry.objects.get().is_urgent
    assert mail.outbox[0].subject.startswith("URGENT")
    thank_you = client.get(sent["Location"]).content.decode()
    assert 'href="tel:911"' in thank_you.split("</h1>")[0]


def test_a_bot_filling_the_trap_gets_a_thank_you_and_is_filed_as_spam(
    client, verify_page, insurers, django_capture_on_commit_callbacks
):
    third = through_step_2(client, insurers)
    with django_capture_on_commit_callbacks(execute=True):
        sent = step(
            client,
            third,
            {**LAST, "website": "http://spam.example"},
            card_front=photo(),
        )
    assert sent.status_code == 302
    assert Inquiry.objects.get().status == Inquiry.Status.SPAM
    assert stored_card_files() == []
    assert mail.outbox == []


def test_too_many_from_one_address_wait_with_their_answers_kept(
    client, verify_page, insurers
):
    with override_settings(INQUIRY_RATE_LIMIT=(1, 600)):
        third = through_step_2(client, insurers)
        assert step(client, third, LAST).status_code == 302
        third = through_step_2(client, insurers)
        response = step(client, third, {**LAST, "message": "second try"})
    assert response.status_code == 429
    assert "second try</textarea>" in response.content.decode()
    assert Inquiry.objects.count() == 1


def test_a_typed_company_with_the_list_left_alone_counts_as_other(
    client, verify_page, insurers
):
    """Without JavaScript the "not on the list" box is always there."""
    second = step(client, client.get(PAGE_URL), WHO)
    typed = {
        **insurance_answers(insurers[0]),
        "insurer": "",
        "insurer_other": "Fallon Health",
    }
    third = step(client, second, typed)
    assert "Step 3 of 3" in heading(third)
    step(client, third, LAST)
    assert InsuranceDetails.objects.get().insurer_name == "Fallon Health"


def test_a_listed_company_and_a_typed_one_ask_which(client, verify_page, insurers):
    second = step(client, client.get(PAGE_URL), WHO)
    both = {**insurance_answers(insurers[0]), "insurer_other": "Fallon Health"}
    response = step(client, second, both)
    assert "Step 2 of 3" in heading(response)
    assert "choose “Other” in the list" in response.content.decode()
    assert 'value="Fallon Health"' in response.content.decode()


def test_photos_chosen_before_going_back_are_asked_for_again(
    client, verify_page, insurers
):
    third = through_step_2(client, insurers)
    # Back sends the photo's name only (the form's Back button), never the file.
    back = step(client, third, {**LAST, "card_front": "front.jpg"}, nav="back")
    again = step(client, back, insurance_answers(insurers[1]))
    assert "Step 3 of 3" in heading(again)
    assert "choose them again" in again.content.decode()


def test_starting_again_after_expiry_gets_a_fresh_token(client, verify_page, insurers):
    old = journey(form_token="expired-token")
    response = client.post(
        PAGE_URL,
        {**old, "step": "2", "answers": "gAAAAforged", "nav": "next"},
    )
    assert "open too long" in response.content.decode()
    assert hidden_values(response)["form_token"] != "expired-token"
