from django.urls import reverse

import pytest

from tests.articles.conftest import make_picture
from tests.contact.conftest import make_inquiry
from tests.contact.test_admin import INDEX, urls


@pytest.mark.parametrize("role", ["editor", "medical_reviewer"])
def test_editorial_staff_never_see_inquiries(client, role, request):
    client.force_login(request.getfixturevalue(role))
    inquiry = make_inquiry(name="Quentin Uniquename")
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert dashboard.status_code == 200
    assert reverse(INDEX) not in dashboard.content.decode()
    for name, url in urls(inquiry).items():
        response = client.get(url)
        assert response.status_code in (302, 403), name
        assert b"Uniquename" not in response.content, name


def test_editors_reach_what_they_look_after(client, editor, site):
    client.force_login(editor)
    for url in [
        reverse("wagtailimages:index"),
        reverse("wagtailimages:add"),
        reverse("wagtaildocs:index"),
        reverse("wagtailredirects:index"),
        reverse("wagtailredirects:add"),
        reverse("wagtailsnippets_people_person:add"),
        reverse("wagtailsnippets_articles_articlecategory:add"),
        reverse("wagtailsnippets_services_levelofcare:add"),
        reverse(
            "wagtailsettings:edit", args=["navigation", "navigationsettings", site.pk]
        ),
    ]:
        assert client.get(url).status_code == 200, url


def test_editors_cannot_change_site_wide_contact_details_or_users(client, editor, site):
    client.force_login(editor)
    for url in [
        reverse("wagtailsettings:edit", args=["core", "centersettings", site.pk]),
        reverse("wagtailusers_users:index"),
        reverse("wagtailusers_groups:index"),
        reverse("wagtailadmin_workflows:index"),
    ]:
        assert client.get(url).status_code in (302, 403), url


def test_editors_can_delete_a_wrong_upload(client, editor):
    picture = make_picture("Wrong photo")
    client.force_login(editor)
    response = client.post(reverse("wagtailimages:delete", args=[picture.pk]))
    assert response.status_code == 302
    assert not type(picture).objects.filter(pk=picture.pk).exists()
