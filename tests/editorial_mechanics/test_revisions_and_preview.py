"""Page history in the admin: every publish is a revision an editor can go back
to, and the preview shows unsaved or old text at phone and desktop widths."""

from django.apps import apps

from wagtail.models import Page, PageLogEntry

import pytest

from tests.editorial_mechanics.conftest import edit_form
from tests.pages import make_standard_page


def publish_introduction(admin_client, page, text):
    response = admin_client.post(
        f"/admin/pages/{page.pk}/edit/", edit_form(page, introduction=text)
    )
    assert response.status_code == 302


def test_editor_rolls_back_to_an_earlier_revision_and_publishes_it(
    admin_client, client, home_page, committed
):
    page = make_standard_page(home_page, "About us")
    publish_introduction(admin_client, page, "Founded by people in recovery.")
    publish_introduction(admin_client, page, "A rushed rewrite with a mistake.")
    assert "rushed rewrite" in client.get("/about-us/").content.decode()

    first_edit = page.revisions.get(
        content__introduction="Founded by people in recovery."
    )
    revert_url = f"/admin/pages/{page.pk}/revisions/{first_edit.pk}/revert/"
    revert_form = admin_client.get(revert_url)
    assert revert_form.status_code == 200
    html = revert_form.content.decode()
    assert "You are viewing a previous version of this page" in html
    form = revert_form.context["form"]
    assert form["introduction"].value() == "Founded by people in recovery."

    # The editor publishes the form as the revert view filled it in.
    with committed():
        published = admin_client.post(
            revert_url,
            edit_form(
                page,
                title=form["title"].value(),
                slug=form["slug"].value(),
                introduction=form["introduction"].value(),
            ),
        )
    assert published.status_code == 302

    html = client.get("/about-us/").content.decode()
    assert "Founded by people in recovery." in html
    assert "rushed rewrite" not in html
    assert PageLogEntry.objects.filter(page=page, action="wagtail.revert").exists()


def test_history_offers_each_admin_edit_to_go_back_to(admin_client, home_page):
    page = make_standard_page(home_page, "Careers")
    publish_introduction(admin_client, page, "Join our nursing team.")
    publish_introduction(admin_client, page, "Join our counselling team.")
    history = admin_client.get(f"/admin/pages/{page.pk}/history/")
    assert history.status_code == 200
    html = history.content.decode()
    earlier = page.revisions.get(content__introduction="Join our nursing team.")
    current = page.revisions.get(content__introduction="Join our counselling team.")
    assert f"/admin/pages/{page.pk}/revisions/{earlier.pk}/revert/" in html
    assert f"/admin/pages/{page.pk}/revisions/{earlier.pk}/view/" in html
    assert f"/admin/pages/{page.pk}/revisions/{current.pk}/view/" in html


def page_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page
    ]


@pytest.mark.parametrize("page_model", page_models(), ids=lambda model: model.__name__)
def test_every_page_type_previews_at_phone_and_desktop_widths(db, page_model):
    sizes = {size["name"]: size["device_width"] for size in page_model().preview_sizes}
    assert sizes["mobile"] <= 390
    assert sizes["desktop"] >= 1280


def test_editor_previews_unsaved_text_in_every_preview_size(
    admin_client, client, home_page, center
):
    page = make_standard_page(home_page, "Admissions", introduction="Live text.")
    editor = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    for size in page.preview_sizes:
        assert f'value="{size["name"]}"' in editor
        assert f'data-device-width="{size["device_width"]}"' in editor

    preview_url = f"/admin/pages/{page.pk}/edit/preview/"
    data = edit_form(page, introduction="Unsaved text.")
    assert admin_client.post(preview_url, data).json()["is_valid"]
    # The size only sets the preview frame's width; the page is the same.
    preview = admin_client.get(preview_url, {"mode": ""})
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Unsaved text." in html
    assert 'href="tel:+18662761920"' in html
    assert "Unsaved text." not in client.get("/admissions/").content.decode()


def test_editor_previews_an_old_revision(admin_client, home_page):
    page = make_standard_page(home_page, "Insurance", introduction="Old wording.")
    publish_introduction(admin_client, page, "New wording.")
    old = page.revisions.get(content__introduction="Old wording.")
    preview = admin_client.get(f"/admin/pages/{page.pk}/revisions/{old.pk}/view/")
    assert preview.status_code == 200
    assert "Old wording." in preview.content.decode()
