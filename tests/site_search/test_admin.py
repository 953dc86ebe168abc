from django.contrib.auth.models import Group, User
from django.urls import reverse

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def marketing_editor(site):
    user = User.objects.create_user("marketing", password="irrelevant-here")
    user.groups.add(Group.objects.get(name="Marketing editors"))
    return user


def test_marketing_editors_manage_promoted_search_results(client, marketing_editor):
    client.force_login(marketing_editor)

    listing = client.get(reverse("wagtailsearchpromotions:index"))
    adding = client.get(reverse("wagtailsearchpromotions:add"))

    assert listing.status_code == 200
    assert adding.status_code == 200


def test_visitors_cannot_reach_promoted_results_admin(client, site):
    response = client.get(reverse("wagtailsearchpromotions:index"))

    assert response.status_code == 302
    assert "/login/" in response["Location"]
