import csv
import io

from django.contrib.auth.models import Permission
from django.urls import reverse

from wagtail.models import ModelLogEntry

import openpyxl
import pytest

from contact.models import Inquiry, InquiryNote

from .conftest import make_inquiry, make_staff

pytestmark = pytest.mark.django_db

INDEX = "inquiries:index"


def urls(inquiry):
    return {
        "index": reverse(INDEX),
        "inspect": reverse("inquiries:inspect", args=[inquiry.pk]),
        "edit": reverse("inquiries:edit", args=[inquiry.pk]),
        "csv": reverse(INDEX) + "?export=csv",
        "xlsx": reverse(INDEX) + "?export=xlsx",
    }


def test_admissions_staff_see_the_inbox_menu_and_dashboard_panel(
    client, admissions_user
):
    make_inquiry()
    client.force_login(admissions_user)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(INDEX) in dashboard
    assert "Inquiries waiting for a reply" in dashboard
    assert "1</strong> new inquiry" in dashboard


def test_marketing_editors_cannot_reach_inquiries_at_all(client, marketing_user):
    inquiry = make_inquiry(name="Quentin Uniquename")
    client.force_login(marketing_user)
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert dashboard.status_code == 200
    html = dashboard.content.decode()
    assert reverse(INDEX) not in html
    assert "Inquiries waiting" not in html
    for name, url in urls(inquiry).items():
        response = client.get(url)
        # Wagtail answers a forbidden admin page with a redirect to the dashboard.
        assert response.status_code in (302, 403), name
        assert b"Uniquename" not in response.content, name
    assert client.post(urls(inquiry)["edit"], {"status": "closed"}).status_code in (
        302,
        403,
    )
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.NEW


def test_marketing_editors_do_not_see_inquiry_audit_entries(
    client, admissions_user, marketing_user
):
    inquiry = make_inquiry()
    client.force_login(admissions_user)
    client.get(urls(inquiry)["inspect"])
    own = client.get(reverse("wagtailadmin_reports:site_history"))
    assert f"Inquiry #{inquiry.pk}" in own.content.decode()
    client.force_login(marketing_user)
    history = client.get(reverse("wagtailadmin_reports:site_history"))
    assert f"Inquiry #{inquiry.pk}" not in history.content.decode()


def test_superusers_see_everything(client, superuser):
    inquiry = make_inquiry(name="Quentin Uniquename")
    client.force_login(superuser)
    for name, url in urls(inquiry).items():
        assert client.get(url).status_code == 200, name


def test_nobody_can_add_an_inquiry_by_hand(client, superuser):
    client.force_login(superuser)
    index = client.get(reverse(INDEX)).content.decode()
    assert reverse("inquiries:add") not in index
    assert client.get(reverse("inquiries:add")).status_code in (302, 403)


def test_urgent_unanswered_inquiries_come_first(client, admissions_user):
    # Oldest first: a handled urgent one, an open urgent one, then a normal one.
    make_inquiry(name="Handled Person", is_urgent=True, status=Inquiry.Status.CONTACTED)
    make_inquiry(name="Urgent Person", is_urgent=True)
    make_inquiry(name="Later Person")
    client.force_login(admissions_user)
    html = client.get(reverse(INDEX)).content.decode()
    # The open urgent one leads; the rest are newest first.
    assert html.index("Urgent Person") < html.index("Later Person")
    assert html.index("Later Person") < html.index("Handled Person")


def test_inbox_filters_by_status_assignee_and_searches(client, admissions_user):
    make_inquiry(name="Alex New")
    make_inquiry(name="Blair Contacted", status=Inquiry.Status.CONTACTED)
    make_inquiry(name="Casey Mine", assigned_to=admissions_user)
    client.force_login(admissions_user)
    by_status = client.get(reverse(INDEX), {"status": "contacted"}).content.decode()
    assert "Blair Contacted" in by_status and "Alex New" not in by_status
    mine = client.get(
        reverse(INDEX), {"assigned_to": admissions_user.pk}
    ).content.decode()
    assert "Casey Mine" in mine and "Alex New" not in mine
    found = client.get(reverse(INDEX), {"q": "blair"}).content.decode()
    assert "Blair Contacted" in found and "Alex New" not in found
    dated = client.get(
        reverse(INDEX), {"created_at_from": "2000-01-01", "created_at_to": "2000-01-02"}
    ).content.decode()
    assert "Alex New" not in dated


def test_inbox_queries_do_not_grow_with_the_number_of_inquiries(
    client, admissions_user, django_assert_max_num_queries
):
    client.force_login(admissions_user)
    for i in range(3):
        make_inquiry(name=f"Person {i}", assigned_to=admissions_user)
    client.get(reverse(INDEX))  # warm caches (site, permissions)
    with django_assert_max_num_queries(30) as few:
        client.get(reverse(INDEX))
    for i in range(30):
        make_inquiry(name=f"More {i}", assigned_to=admissions_user)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse(INDEX))


def test_viewing_an_inquiry_is_recorded_in_the_audit_log(client, admissions_user):
    inquiry = make_inquiry()
    client.force_login(admissions_user)
    response = client.get(urls(inquiry)["inspect"])
    assert response.status_code == 200
    entry = ModelLogEntry.objects.get(action="contact.inquiry.viewed")
    assert entry.user == admissions_user
    assert entry.object_id == str(inquiry.pk)
    assert entry.label == f"Inquiry #{inquiry.pk}"


def test_status_assignment_and_note_are_saved_and_audited(client, admissions_user):
    inquiry = make_inquiry()
    client.force_login(admissions_user)
    response = client.post(
        urls(inquiry)["edit"],
        {
            "status": "contacted",
            "assigned_to": admissions_user.pk,
            "new_note": "Left a voicemail <b>at 3pm</b>",
        },
    )
    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.CONTACTED
    assert inquiry.assigned_to == admissions_user
    assert inquiry.first_responded_at is not None
    note = InquiryNote.objects.get()
    assert (note.author, note.text) == (
        admissions_user,
        "Left a voicemail <b>at 3pm</b>",
    )
    actions = set(
        ModelLogEntry.objects.filter(user=admissions_user).values_list(
            "action", flat=True
        )
    )
    assert {
        "contact.inquiry.status_changed",
        "contact.inquiry.assigned",
        "contact.inquiry.note_added",
    } <= actions
    status_entry = ModelLogEntry.objects.get(action="contact.inquiry.status_changed")
    assert status_entry.data == {"from": "new", "to": "contacted"}
    # The note is shown escaped on the detail page.
    detail = client.get(urls(inquiry)["inspect"]).content.decode()
    assert "Left a voicemail &lt;b&gt;at 3pm&lt;/b&gt;" in detail
    history = client.get(reverse("inquiries:history", args=[inquiry.pk]))
    assert "Status changed from “New” to “Contacted”" in history.content.decode()


def test_first_response_time_is_kept_from_the_first_change_only(admissions_user):
    inquiry = make_inquiry()
    inquiry.status = Inquiry.Status.CONTACTED
    inquiry.save()
    first = inquiry.first_responded_at
    inquiry.status = Inquiry.Status.ADMITTED
    inquiry.save()
    assert inquiry.first_responded_at == first
    assert inquiry.first_response_time is not None


@pytest.mark.fault("input")
def test_hostile_content_is_shown_escaped_in_the_admin(client, admissions_user):
    inquiry = make_inquiry(
        name="<img src=x onerror=alert(1)>",
        message="<script>alert('x')</script> '; DROP TABLE x; -- 🙏🏽",
    )
    client.force_login(admissions_user)
    for url in (reverse(INDEX), urls(inquiry)["inspect"]):
        html = client.get(url).content.decode()
        assert "<img src=x onerror" not in html
        assert "<script>alert('x')</script>" not in html
    detail = client.get(urls(inquiry)["inspect"]).content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in detail
    assert "🙏🏽" in detail


def test_admissions_can_export_with_formulas_neutralised(client, admissions_user):
    make_inquiry(name='=HYPERLINK("http://evil.example")', message="@SUM(A1)")
    client.force_login(admissions_user)
    response = client.get(reverse(INDEX) + "?export=csv")
    assert response.status_code == 200
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    )
    assert rows[0]["Name"] == '\'=HYPERLINK("http://evil.example")'
    assert rows[0]["Message"] == "'@SUM(A1)"
    assert rows[0]["Phone"] == "'+16175550134"

    exported = ModelLogEntry.objects.filter(action="contact.inquiry.exported")
    assert exported.count() == 1
    assert exported.get().user == admissions_user

    response = client.get(reverse(INDEX) + "?export=xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    headings = [cell.value for cell in sheet[1]]
    name_cell = sheet.cell(row=2, column=headings.index("Name") + 1)
    assert name_cell.data_type == "s"
    assert name_cell.value.startswith("'=")


@pytest.mark.fault("input")
def test_a_control_character_in_stored_text_never_breaks_the_export(
    client, admissions_user
):
    # Stored before the form refused them, or brought in by an import.
    make_inquiry(name="Sam\x01 Lee", message="=\x01SUM(A1)\x0bline two")
    client.force_login(admissions_user)
    response = client.get(reverse(INDEX) + "?export=xlsx")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    headings = [cell.value for cell in sheet[1]]
    row = {
        heading: cell.value for heading, cell in zip(headings, sheet[2], strict=True)
    }
    assert row["Name"] == "Sam Lee"
    assert row["Message"] == "'=SUM(A1)line two"
    response = client.get(reverse(INDEX) + "?export=csv")
    assert response.status_code == 200
    assert "Sam Lee" in b"".join(response.streaming_content).decode()


def test_only_an_export_that_succeeded_is_audited(client, admissions_user, monkeypatch):
    first, second = make_inquiry(), make_inquiry()
    client.force_login(admissions_user)

    def disk_full(self, *args, **kwargs):
        raise OSError("no space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", disk_full)
    with pytest.raises(OSError):
        client.get(reverse(INDEX) + "?export=xlsx")
    exported = ModelLogEntry.objects.filter(action="contact.inquiry.exported")
    assert not exported.exists()

    monkeypatch.undo()
    response = client.get(reverse(INDEX) + "?export=xlsx")
    assert response.status_code == 200
    assert sorted(exported.values_list("object_id", flat=True)) == sorted(
        [str(first.pk), str(second.pk)]
    )


def test_staff_without_the_export_permission_cannot_export(client, django_user_model):
    from django.contrib.auth.models import Group, Permission

    reader_group = Group.objects.create(name="Inquiry readers")
    reader_group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_inquiry"),
    )
    reader = make_staff(django_user_model, "reader", "Inquiry readers")
    make_inquiry()
    client.force_login(reader)
    index = client.get(reverse(INDEX))
    assert index.status_code == 200
    assert "export=csv" not in index.content.decode()
    assert client.get(reverse(INDEX) + "?export=csv").status_code in (302, 403)
    assert client.get(reverse(INDEX) + "?export=xlsx").status_code in (302, 403)


def test_the_migration_creates_the_groups_with_their_permissions():
    from django.apps import apps
    from django.contrib.auth.models import Group

    from contact.groups import ensure_staff_groups

    # Run what the data migration runs, on an empty slate, twice.
    Group.objects.filter(name__in=["Admissions", "Marketing editors"]).delete()
    ensure_staff_groups(apps)
    ensure_staff_groups(apps)
    admissions = set(
        Group.objects.get(name="Admissions").permissions.values_list(
            "codename", flat=True
        )
    )
    marketing = set(
        Group.objects.get(name="Marketing editors").permissions.values_list(
            "codename", flat=True
        )
    )
    assert {
        "access_admin",
        "view_inquiry",
        "change_inquiry",
        "export_inquiry",
        "change_inquirysettings",
    } <= admissions
    assert "add_inquiry" not in admissions and "delete_inquiry" not in admissions
    assert "access_admin" in marketing
    assert not {codename for codename in marketing if "inquir" in codename}


def test_an_inquiry_shows_admissions_staff_how_to_follow_it_up(client, admissions_user):
    inquiry = make_inquiry()
    client.force_login(admissions_user)
    html = client.get(urls(inquiry)["inspect"]).content.decode()
    # A header button, not hidden in the "more" dropdown.
    header = html.split('class="w-dropdown', 1)[0]
    assert "Update status or add a note" in header
    assert f'href="{urls(inquiry)["edit"]}"' in header


def test_read_only_staff_get_no_follow_up_button(client, django_user_model):
    inquiry = make_inquiry()
    viewer = make_staff(django_user_model, "viewer")
    viewer.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_inquiry"),
    )
    client.force_login(viewer)
    html = client.get(urls(inquiry)["inspect"]).content.decode()
    assert "Update status or add a note" not in html
