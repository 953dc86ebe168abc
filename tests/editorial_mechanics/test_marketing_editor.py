"""The publishing mechanics work for a Marketing editor, not only a superuser."""

import datetime

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from wagtail.contrib.redirects.models import Redirect

import pytest

from contact.groups import MARKETING_EDITORS
from core.models import SiteImage
from editorial.roles import ensure_editorial_roles
from tests.editorial_mechanics.conftest import admin_datetime, edit_form
from tests.editorial_mechanics.test_images import picture
from tests.editorial_mechanics.test_redirects import confirm_form_data
from tests.editorial_mechanics.test_scheduled_publishing import (
    schedule_time_has_passed,
)
from tests.pages import make_standard_page


@pytest.fixture
def marketing_client(client, home_page, django_user_model):
    # Run again: another app's transactional test may have flushed the groups.
    ensure_editorial_roles(apps)
    editor = django_user_model.objects.create_user("marketing", password="pw")
    editor.groups.add(Group.objects.get(name=MARKETING_EDITORS))
    client.force_login(editor)
    return client


def test_marketing_editor_uploads_an_image_with_alt_text(marketing_client):
    response = marketing_client.post(
        "/admin/images/add/",
        {
            "title": "Group room",
            "description": "A sunny group room",
            "file": SimpleUploadedFile("room.webp", picture("WEBP")),
        },
    )
    assert response.status_code == 302
    assert SiteImage.objects.get().description == "A sunny group room"


def test_marketing_editor_imports_redirects(marketing_client, client, home_page):
    confirm_page = marketing_client.post(
        "/admin/redirects/import/",
        {
            "import_file": SimpleUploadedFile(
                "old-site.csv", b"from,to\n/old-admissions,https://example.org/\n"
            )
        },
    )
    assert confirm_page.status_code == 200
    done = marketing_client.post(
        "/admin/redirects/import/process/",
        confirm_form_data(confirm_page, from_index="0", to_index="1"),
    )
    assert done.status_code == 302
    assert Redirect.objects.get().old_path == "/old-admissions"


def test_marketing_editor_schedules_a_page_change(marketing_client, home_page):
    page = make_standard_page(home_page, "Visiting hours", introduction="Sundays.")
    response = marketing_client.post(
        f"/admin/pages/{page.pk}/edit/",
        edit_form(
            page,
            introduction="Saturdays and Sundays.",
            go_live_at=admin_datetime(timezone.now() + datetime.timedelta(days=1)),
        ),
    )
    assert response.status_code == 302
    schedule_time_has_passed(page)
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.introduction == "Saturdays and Sundays."


def test_marketing_editor_rolls_back_a_page(marketing_client, home_page):
    page = make_standard_page(home_page, "Careers", introduction="First wording.")
    marketing_client.post(
        f"/admin/pages/{page.pk}/edit/", edit_form(page, introduction="Mistake.")
    )
    first = page.revisions.get(content__introduction="First wording.")
    revert_url = f"/admin/pages/{page.pk}/revisions/{first.pk}/revert/"
    assert marketing_client.get(revert_url).status_code == 200
    response = marketing_client.post(
        revert_url, edit_form(page, introduction="First wording.")
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.introduction == "First wording."
