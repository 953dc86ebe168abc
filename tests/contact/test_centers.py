"""Each center's admissions team sees, exports and is told about only its own
families' inquiries; group-wide admissions see every center's
(contact.centers)."""

import csv
import io
from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

from contact import tasks
from contact.centers import ensure_admissions_team
from contact.models import Inquiry, InquirySettings
from tests.conftest import COHASSET_HOST
from tests.insurance.test_admin import make_verification, photo_url

from .conftest import add_contact_page, form_data, make_inquiry, make_staff

pytestmark = pytest.mark.django_db


def inbox():
    return reverse("inquiries:index")


@pytest.fixture
def teams(site, cohasset, django_user_model):
    """A team for each center, with one member each, and a group-wide manager."""
    waltham_team = ensure_admissions_team(site, "Admissions at Waltham")
    cohasset_team = ensure_admissions_team(cohasset)
    waltham_staff = make_staff(django_user_model, "wanda")
    waltham_staff.groups.add(waltham_team)
    cohasset_staff = make_staff(django_user_model, "cole")
    cohasset_staff.groups.add(cohasset_team)
    manager = make_staff(django_user_model, "morgan", "Admissions")
    return {
        "waltham": waltham_staff,
        "cohasset": cohasset_staff,
        "manager": manager,
    }


@pytest.fixture
def inquiries(site, cohasset):
    return {
        "waltham": make_inquiry(name="Wally Walthamfamily", center=site),
        "cohasset": make_inquiry(name="Cora Cohassetfamily", center=cohasset),
    }


def test_an_inquiry_sent_on_a_centers_site_records_that_center(
    client, cohasset, admissions_user, django_capture_on_commit_callbacks
):
    add_contact_page(cohasset.root_page)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/contact/", form_data(name="Cora Reyes"), HTTP_HOST=COHASSET_HOST
        )
    assert response.status_code == 302
    assert Inquiry.objects.get(name="Cora Reyes").center == cohasset
    # A center without a team of its own is the Admissions group's; the
    # notification names the center.
    (message,) = mail.outbox
    assert message.to == [admissions_user.email]
    assert "Evoke Wellness at Cohasset" in message.subject


def test_a_centers_team_sees_only_its_own_inquiries(client, teams, inquiries):
    client.force_login(teams["cohasset"])
    listing = client.get(inbox()).content.decode()
    assert "Cohassetfamily" in listing and "Walthamfamily" not in listing

    other = inquiries["waltham"]
    for view in ("inspect", "edit", "history", "usage", "delete"):
        url = reverse(f"inquiries:{view}", args=[other.pk])
        response = client.get(url)
        assert response.status_code in (403, 404), view
        assert b"Walthamfamily" not in response.content, view
    # Nor can its follow-up form change it.
    client.post(reverse("inquiries:edit", args=[other.pk]), {"status": "closed"})
    other.refresh_from_db()
    assert other.status == Inquiry.Status.NEW

    own = inquiries["cohasset"]
    page = client.get(reverse("inquiries:inspect", args=[own.pk]))
    assert page.status_code == 200 and b"Cohassetfamily" in page.content


def test_a_centers_team_exports_only_its_own_inquiries(client, teams, inquiries):
    client.force_login(teams["cohasset"])
    response = client.get(inbox() + "?export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    names = {cell for row in rows for cell in row}
    assert "Cora Cohassetfamily" in names and "Wally Walthamfamily" not in names
    # Asking for the other center by its filter widens nothing.
    other = client.get(inbox(), {"center": inquiries["waltham"].center_id})
    assert b"Walthamfamily" not in other.content


def test_the_dashboard_counts_only_the_teams_center(client, teams, inquiries):
    make_inquiry(center=inquiries["waltham"].center)
    client.force_login(teams["cohasset"])
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "1</strong> new inquiry" in dashboard
    client.force_login(teams["manager"])
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "3</strong> new inquiries" in dashboard


def test_a_group_wide_manager_sees_every_center_and_filters_by_center(
    client, teams, inquiries, cohasset
):
    client.force_login(teams["manager"])
    listing = client.get(inbox()).content.decode()
    assert "Cohassetfamily" in listing and "Walthamfamily" in listing
    filtered = client.get(inbox(), {"center": cohasset.pk}).content.decode()
    assert "Cohassetfamily" in filtered and "Walthamfamily" not in filtered


def test_card_photos_are_shown_only_to_the_verifications_center(
    client, teams, cohasset, settings, tmp_path
):
    settings.INSURANCE_CARD_ROOT = tmp_path / "insurance-cards"
    verification = make_verification(name="Cara Cardholder")
    Inquiry.objects.filter(pk=verification.pk).update(center=cohasset)
    client.force_login(teams["waltham"])
    assert client.get(photo_url(verification, "front")).status_code == 404
    assert not ModelLogEntry.objects.filter(action="insurance.card_viewed").exists()
    client.force_login(teams["cohasset"])
    assert client.get(photo_url(verification, "front")).status_code == 200


def test_audit_entries_name_the_center(client, teams, inquiries):
    client.force_login(teams["cohasset"])
    client.get(reverse("inquiries:inspect", args=[inquiries["cohasset"].pk]))
    entry = ModelLogEntry.objects.get(action="contact.inquiry.viewed")
    assert entry.label.endswith("Evoke Wellness at Cohasset")
    assert "Cora" not in entry.label


def test_each_centers_notification_goes_to_its_own_team(teams, inquiries):
    mail.outbox.clear()
    tasks.notify_admissions.enqueue(inquiry_id=inquiries["cohasset"].pk)
    tasks.notify_admissions.enqueue(inquiry_id=inquiries["waltham"].pk)
    cohasset_mail, waltham_mail = mail.outbox
    assert cohasset_mail.to == [teams["cohasset"].email]
    assert waltham_mail.to == [teams["waltham"].email]
    assert "Cohasset" in cohasset_mail.subject and "Cora" not in cohasset_mail.body


def test_an_urgent_reminder_goes_to_the_centers_own_team(teams, cohasset, site):
    settings = InquirySettings.for_site(cohasset)
    settings.urgent_reminder_minutes = 5
    settings.save()
    waiting = make_inquiry(is_urgent=True, center=cohasset)
    Inquiry.objects.filter(pk=waiting.pk).update(
        created_at=timezone.now() - timedelta(minutes=6)
    )
    # The default center waits its own 10 minutes.
    recent = make_inquiry(is_urgent=True, center=site)
    Inquiry.objects.filter(pk=recent.pk).update(
        created_at=timezone.now() - timedelta(minutes=6)
    )
    mail.outbox.clear()
    assert tasks.remind_about_unopened_urgent_inquiries() == 1
    (message,) = mail.outbox
    assert message.to == [teams["cohasset"].email]
    assert "Cohasset" in message.subject


def test_assignment_offers_only_staff_of_the_inquirys_center(client, teams, inquiries):
    client.force_login(teams["manager"])
    form = client.get(
        reverse("inquiries:edit", args=[inquiries["cohasset"].pk])
    ).content.decode()
    assert ">cole<" in form and ">wanda<" not in form


def test_an_inquiry_form_on_a_centers_page_goes_to_that_centers_contact_page(
    client, site, cohasset
):
    from standard_pages.models import StandardPage

    add_contact_page(site.root_page)
    add_contact_page(cohasset.root_page)
    page = StandardPage(
        title="Visiting",
        slug="visiting",
        body=[("inquiry_form", {"heading": "Ask us", "text": ""})],
    )
    cohasset.root_page.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/visiting/", HTTP_HOST=COHASSET_HOST).content.decode()
    # Its own site's address, not the default center's.
    assert 'action="/contact/"' in html
    assert "http://localhost/contact/" not in html
