"""Admissions work insurance verifications in the Inquiries inbox: they tell them
from ordinary inquiries, read the insurance details, look at the card photos
(each look audited, never cached) and record where the check stands. Nobody
else sees any of it."""

import io
import re
from datetime import timedelta

from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest
from PIL import Image

from contact.groups import ADMISSIONS, MARKETING_EDITORS
from contact.models import Inquiry
from editorial.roles import MEDICAL_REVIEWERS, ensure_editorial_roles
from insurance import cards
from insurance.models import InsuranceDetails, Insurer
from tests.contact.conftest import make_inquiry, make_staff

pytestmark = pytest.mark.django_db

INDEX = "inquiries:index"
CARD_VIEWED = "insurance.card_viewed"
VERIFICATION_CHANGED = "contact.inquiry.verification_changed"


def jpeg(colour=(30, 90, 160)):
    """The JPEG bytes of a card photo, as cards.readable_jpeg leaves them."""
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def make_verification(
    name="Jordan Reyes",
    insurer=None,
    front=True,
    back=True,
    received_days_ago=0,
    **details,
):
    """An insurance verification as the three steps store it."""
    inquiry = make_inquiry(
        name=name,
        kind=Inquiry.Kind.INSURANCE,
        verification_status=Inquiry.Verification.NEW,
        message="",
    )
    if received_days_ago:
        Inquiry.objects.filter(pk=inquiry.pk).update(
            created_at=timezone.now() - timedelta(days=received_days_ago)
        )
        inquiry.refresh_from_db()
    values = {
        "insurer": insurer,
        "insurer_other": "" if insurer else "Fallon Health",
        "member_id": "XJH123456789",
        "group_number": "GRP-0042",
        "holder_name": "Maria Reyes",
        "holder_date_of_birth": "1968-04-27",
        "relationship": InsuranceDetails.Relationship.PARENT,
        "card_front": cards.store(jpeg((200, 0, 0))) if front else "",
        "card_back": cards.store(jpeg((0, 0, 200))) if back else "",
    }
    values.update(details)
    InsuranceDetails.objects.create(inquiry=inquiry, **values)
    return inquiry


def photo_url(inquiry, side):
    return reverse("insurance_card_photo", args=[inquiry.pk, side])


def inspect_url(inquiry):
    return reverse("inquiries:inspect", args=[inquiry.pk])


def edit_url(inquiry):
    return reverse("inquiries:edit", args=[inquiry.pk])


def cells(html, text):
    """How many table cells hold exactly `text`."""
    return len(re.findall(rf"<td[^>]*>\s*{re.escape(text)}\s*</td>", html))


def row_of(html, name):
    """The inbox table row that shows `name`."""
    rows = [row for row in html.split("<tr")[1:] if name in row]
    assert len(rows) == 1, name
    return rows[0].split("</tr>")[0]


@pytest.fixture
def admissions_user(db, django_user_model):
    return make_staff(django_user_model, "admissions", ADMISSIONS)


@pytest.fixture
def marketing_user(db, django_user_model):
    return make_staff(django_user_model, "marketing", MARKETING_EDITORS)


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser(
        username="root", email="root@example.org", password="pw"
    )


@pytest.fixture
def medical_reviewer(db, django_user_model):
    # Another app's transactional test may have flushed the migrated groups.
    ensure_editorial_roles(apps)
    return make_staff(django_user_model, "reviewer", MEDICAL_REVIEWERS)


@pytest.fixture
def aetna(db):
    return Insurer.objects.create(name="Aetna")


# The inbox.


def test_admissions_tell_verifications_from_inquiries_and_filter_them(
    client, admissions_user
):
    make_inquiry(name="Alex Question")
    checking = make_verification(name="Jordan Coverage")
    done = make_verification(name="Casey Covered")
    Inquiry.objects.filter(pk=done.pk).update(
        verification_status=Inquiry.Verification.IN_NETWORK
    )
    client.force_login(admissions_user)

    html = client.get(reverse(INDEX)).content.decode()
    assert re.search(r"<th[^>]*>\s*(<[^>]+>\s*)*Kind", html)
    assert cells(row_of(html, "Jordan Coverage"), "Insurance verification") == 1
    assert cells(row_of(html, "Alex Question"), "Inquiry") == 1

    verifications = client.get(reverse(INDEX), {"kind": "insurance"}).content.decode()
    assert "Jordan Coverage" in verifications and "Casey Covered" in verifications
    assert "Alex Question" not in verifications
    questions = client.get(reverse(INDEX), {"kind": "question"}).content.decode()
    assert "Alex Question" in questions and "Jordan Coverage" not in questions

    in_network = client.get(
        reverse(INDEX), {"verification_status": "in_network"}
    ).content.decode()
    assert "Casey Covered" in in_network
    assert "Jordan Coverage" not in in_network and "Alex Question" not in in_network
    assert checking.pk  # still there, only filtered out


def test_the_inbox_does_not_show_insurance_details(client, admissions_user, aetna):
    make_verification(name="Jordan Coverage", insurer=aetna)
    client.force_login(admissions_user)
    html = client.get(reverse(INDEX)).content.decode()
    assert "Jordan Coverage" in html
    for secret in ("XJH123456789", "GRP-0042", "1968-04-27", "Maria Reyes"):
        assert secret not in html


# The verification's page.


def test_admissions_read_the_insurance_details_and_see_the_card_photos(
    client, admissions_user, aetna
):
    inquiry = make_verification(insurer=aetna)
    client.force_login(admissions_user)
    response = client.get(inspect_url(inquiry))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Insurance verification" in html
    assert "New" in html
    for shown in (
        "Aetna",
        "XJH123456789",
        "GRP-0042",
        "Maria Reyes",
        "1968-04-27",
        "Parent or guardian",
    ):
        assert shown in html, shown
    # The photos come only from the audited admin view, never a media address.
    for side in ("front", "back"):
        assert f'src="{photo_url(inquiry, side)}"' in html
        assert f'href="{photo_url(inquiry, side)}"' in html
    assert "/media/" not in html
    # Opening the page is audited; the photos are audited when they are fetched.
    assert ModelLogEntry.objects.filter(action="contact.inquiry.viewed").count() == 1


def test_an_insurer_typed_by_the_family_is_shown_escaped(client, admissions_user):
    inquiry = make_verification(
        insurer_other="<img src=x onerror=alert(1)>Fallon",
        holder_name="<script>alert('h')</script>",
        front=False,
        back=False,
    )
    client.force_login(admissions_user)
    html = client.get(inspect_url(inquiry)).content.decode()
    assert "<img src=x onerror" not in html
    assert "<script>alert('h')</script>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;Fallon" in html
    assert "&lt;script&gt;alert(&#x27;h&#x27;)&lt;/script&gt;" in html
    assert "No card photos were sent" in html


def test_after_the_retention_period_the_page_says_when_the_photos_went(
    client, admissions_user
):
    inquiry = make_verification(received_days_ago=31, front=False, back=False)
    deleted_at = inquiry.created_at + timedelta(days=30, hours=2)
    InsuranceDetails.objects.filter(inquiry=inquiry).update(cards_deleted_at=deleted_at)
    client.force_login(admissions_user)
    html = client.get(inspect_url(inquiry)).content.decode()
    date = timezone.localtime(deleted_at).strftime("%Y-%m-%d")
    assert f"Deleted on {date} (kept 30 days)" in html
    assert "/card/" not in html
    assert client.get(photo_url(inquiry, "front")).status_code == 404


def test_an_ordinary_inquiry_shows_no_insurance_section(client, admissions_user):
    inquiry = make_inquiry()
    client.force_login(admissions_user)
    html = client.get(inspect_url(inquiry)).content.decode()
    assert "Member ID" not in html
    assert "Card photos" not in html


def test_the_verification_page_costs_no_more_queries_as_verifications_grow(
    client, admissions_user, aetna, django_assert_max_num_queries
):
    client.force_login(admissions_user)
    first = make_verification(name="Person 0", insurer=aetna)
    ordinary = make_inquiry(name="Asking Person")
    client.get(inspect_url(ordinary))  # warm caches (site, permissions)
    client.get(reverse(INDEX))
    with django_assert_max_num_queries(40) as plain:
        client.get(inspect_url(ordinary))
    # The insurance details and insurer come with the inquiry: no extra query.
    with django_assert_max_num_queries(len(plain.captured_queries)):
        page = client.get(inspect_url(first))
    assert "XJH123456789" in page.content.decode()
    with django_assert_max_num_queries(40) as one:
        client.get(reverse(INDEX))

    for number in range(1, 5):
        make_verification(name=f"Person {number}", insurer=aetna)
    assert Inquiry.objects.filter(kind=Inquiry.Kind.INSURANCE).count() == 5
    with django_assert_max_num_queries(len(plain.captured_queries)):
        page = client.get(inspect_url(first))
    assert "Aetna" in page.content.decode()
    with django_assert_max_num_queries(len(one.captured_queries)):
        index = client.get(reverse(INDEX))
    assert cells(index.content.decode(), "Insurance verification") == 5


# Where the verification stands.


def test_admissions_record_where_the_verification_stands_and_it_is_audited(
    client, admissions_user
):
    inquiry = make_verification()
    client.force_login(admissions_user)
    form = client.get(edit_url(inquiry)).content.decode()
    assert 'name="verification_status"' in form
    response = client.post(
        edit_url(inquiry),
        {
            "status": "contacted",
            "assigned_to": admissions_user.pk,
            "verification_status": "in_network",
            "new_note": "",
        },
    )
    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.verification_status == Inquiry.Verification.IN_NETWORK
    entry = ModelLogEntry.objects.get(action=VERIFICATION_CHANGED)
    assert entry.user == admissions_user
    assert entry.object_id == str(inquiry.pk)
    assert entry.data == {"from": "new", "to": "in_network"}

    history = client.get(reverse("inquiries:history", args=[inquiry.pk]))
    assert "Verification changed from “New” to “In network”" in (
        history.content.decode()
    )

    # Saving again without changing it writes no second entry.
    client.post(
        edit_url(inquiry),
        {
            "status": "contacted",
            "assigned_to": admissions_user.pk,
            "verification_status": "in_network",
            "new_note": "Called the payer",
        },
    )
    assert ModelLogEntry.objects.filter(action=VERIFICATION_CHANGED).count() == 1


def test_a_verification_cannot_be_left_without_a_status(client, admissions_user):
    inquiry = make_verification()
    client.force_login(admissions_user)
    response = client.post(
        edit_url(inquiry),
        {"status": "new", "assigned_to": "", "verification_status": ""},
    )
    assert response.status_code == 200
    inquiry.refresh_from_db()
    assert inquiry.verification_status == Inquiry.Verification.NEW
    assert not ModelLogEntry.objects.filter(action=VERIFICATION_CHANGED).exists()


def test_an_ordinary_inquiry_has_no_verification_status(client, admissions_user):
    inquiry = make_inquiry()
    client.force_login(admissions_user)
    form = client.get(edit_url(inquiry)).content.decode()
    assert 'name="verification_status"' not in form
    response = client.post(
        edit_url(inquiry),
        {"status": "contacted", "assigned_to": "", "verification_status": "self_pay"},
    )
    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.verification_status) == ("contacted", "")
    assert not ModelLogEntry.objects.filter(action=VERIFICATION_CHANGED).exists()


# Who may see a card photo.


def test_signed_out_visitors_are_sent_to_the_login_page(client):
    inquiry = make_verification()
    response = client.get(photo_url(inquiry, "front"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert not response.get("Content-Type", "").startswith("image/")
    assert not ModelLogEntry.objects.filter(action=CARD_VIEWED).exists()


@pytest.mark.parametrize("who", ["marketing_user", "medical_reviewer"])
def test_editors_and_medical_reviewers_never_see_a_verification(request, client, who):
    inquiry = make_verification(name="Quentin Uniquename")
    client.force_login(request.getfixturevalue(who))
    for url in (
        photo_url(inquiry, "front"),
        photo_url(inquiry, "back"),
        inspect_url(inquiry),
        edit_url(inquiry),
        reverse(INDEX),
    ):
        response = client.get(url)
        # Wagtail answers a forbidden admin page with a redirect to the dashboard.
        assert response.status_code in (302, 403), url
        assert not response.get("Content-Type", "").startswith("image/"), url
        for secret in (b"Uniquename", b"XJH123456789", b"\xff\xd8"):
            assert secret not in response.content, url
    assert not ModelLogEntry.objects.filter(action=CARD_VIEWED).exists()
    assert not ModelLogEntry.objects.filter(action="contact.inquiry.viewed").exists()


@pytest.mark.parametrize("who", ["admissions_user", "superuser"])
def test_admissions_and_superusers_see_the_photos_and_each_look_is_audited(
    request, client, who
):
    user = request.getfixturevalue(who)
    inquiry = make_verification()
    details = inquiry.insurance
    client.force_login(user)

    for number, side in enumerate(["front", "back", "front"], start=1):
        response = client.get(photo_url(inquiry, side))
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        assert response.content == cards.read(getattr(details, f"card_{side}"))
        assert Image.open(io.BytesIO(response.content)).format == "JPEG"
        entries = ModelLogEntry.objects.filter(action=CARD_VIEWED)
        assert entries.count() == number
        latest = entries.latest("timestamp")
        assert (latest.user, latest.object_id) == (user, str(inquiry.pk))
        assert latest.data == {"side": side}

    # The inbox and the page are open to them too.
    assert client.get(reverse(INDEX)).status_code == 200
    assert client.get(inspect_url(inquiry)).status_code == 200


def test_a_side_that_is_not_front_or_back_is_not_found(client, admissions_user):
    inquiry = make_verification()
    client.force_login(admissions_user)
    assert client.get(photo_url(inquiry, "inside")).status_code == 404
    assert client.get(photo_url(inquiry, "card_front")).status_code == 404
    assert not ModelLogEntry.objects.filter(action=CARD_VIEWED).exists()


def test_a_photo_whose_file_is_gone_is_not_found_and_not_audited(
    client, admissions_user
):
    # A database restored from a backup older than the last purge names files
    # that are no longer there.
    inquiry = make_verification()
    cards.delete(inquiry.insurance.card_front)
    client.force_login(admissions_user)
    assert client.get(photo_url(inquiry, "front")).status_code == 404
    assert not ModelLogEntry.objects.filter(action=CARD_VIEWED).exists()
    assert client.get(photo_url(inquiry, "back")).status_code == 200
