"""Scheduled publishing: a page goes live, or changes, or expires only when
`publish_scheduled` runs after its time (the scheduler runs it every minute)."""

import datetime

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Page, Revision

from standard_pages.models import StandardPage
from tests.editorial_mechanics.conftest import (
    admin_datetime,
    edit_form,
    make_draft_page,
)
from tests.pages import make_standard_page

TOMORROW = datetime.timedelta(days=1)


def schedule_time_has_passed(page):
    """Move every stored time of the page's schedule into the past, as the clock would.

    The times live on the page row, on the approved revision and in that
    revision's copy of the page.
    """
    past = timezone.now() - datetime.timedelta(minutes=1)
    for revision in Revision.page_revisions.filter(object_id=str(page.pk)):
        for field in ("go_live_at", "expire_at"):
            if revision.content.get(field):
                revision.content[field] = past.isoformat()
        if revision.approved_go_live_at:
            revision.approved_go_live_at = past
        revision.save(update_fields=["content", "approved_go_live_at"])
    Page.objects.filter(pk=page.pk, go_live_at__isnull=False).update(go_live_at=past)
    Page.objects.filter(pk=page.pk, expire_at__isnull=False).update(expire_at=past)


def test_scheduled_page_appears_only_after_its_go_live_time(
    admin_client, client, home_page
):
    page = make_draft_page(home_page, introduction="Starts on Monday.")
    go_live_at = timezone.now() + TOMORROW
    response = admin_client.post(
        f"/admin/pages/{page.pk}/edit/",
        edit_form(page, go_live_at=admin_datetime(go_live_at)),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    assert page.status_string == "scheduled"
    assert client.get("/family-program/").status_code == 404

    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live, "published before its go-live time"
    assert client.get("/family-program/").status_code == 404

    schedule_time_has_passed(page)
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    served = client.get("/family-program/")
    assert served.status_code == 200
    assert "Starts on Monday." in served.content.decode()


def test_scheduled_change_replaces_the_live_text_only_after_its_time(
    admin_client, client, home_page, committed
):
    page = make_standard_page(home_page, "Visiting hours", introduction="Sundays.")
    response = admin_client.post(
        f"/admin/pages/{page.pk}/edit/",
        edit_form(
            page,
            introduction="Saturdays and Sundays.",
            go_live_at=admin_datetime(timezone.now() + TOMORROW),
        ),
    )
    assert response.status_code == 302
    assert "Saturdays" not in client.get("/visiting-hours/").content.decode()

    call_command("publish_scheduled")
    assert "Saturdays" not in client.get("/visiting-hours/").content.decode()

    with committed():
        schedule_time_has_passed(page)
        call_command("publish_scheduled")
    assert "Saturdays and Sundays." in client.get("/visiting-hours/").content.decode()


def test_page_expires_when_publish_scheduled_runs_after_its_expiry_time(
    admin_client, client, home_page, committed
):
    page = make_standard_page(home_page, "Summer open house")
    response = admin_client.post(
        f"/admin/pages/{page.pk}/edit/",
        edit_form(page, expire_at=admin_datetime(timezone.now() + TOMORROW)),
    )
    assert response.status_code == 302
    call_command("publish_scheduled")
    assert client.get("/summer-open-house/").status_code == 200

    with committed():
        schedule_time_has_passed(page)
        call_command("publish_scheduled")
    page = StandardPage.objects.get(pk=page.pk)
    assert (page.live, page.expired) == (False, True)
    assert client.get("/summer-open-house/").status_code == 404
