"""A request for a host no center's site names gets a 400, never another
center's pages (core.middleware.KnownCentersOnlyMiddleware)."""

from wagtail.models import Site

import pytest

from tests.conftest import COHASSET_HOST

pytestmark = pytest.mark.django_db


def test_an_unknown_host_is_refused_not_shown_the_default_center(client, center):
    # Passes ALLOWED_HOSTS (".localhost") but no site names it.
    response = client.get("/", HTTP_HOST="elsewhere.localhost")
    assert response.status_code == 400
    assert b"Evoke Wellness" not in response.content
    # Not an allowed host at all: Django's own 400.
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400


def test_each_center_and_the_default_names_reach_their_site(client, center, cohasset):
    assert b"866.931.6429" in client.get("/", HTTP_HOST=COHASSET_HOST).content
    # The loopback names (health checks, `make run`) show the default center.
    for host in ("localhost", "127.0.0.1", "testserver"):
        response = client.get("/", HTTP_HOST=host)
        assert response.status_code == 200, host
        assert b"866.276.1920" in response.content, host


def test_a_center_added_in_the_admin_is_reachable_at_once(client, center, committed):
    assert client.get("/", HTTP_HOST="hingham.localhost").status_code == 400
    with committed():
        Site.objects.create(
            hostname="hingham.localhost",
            port=80,
            root_page=Site.objects.get(is_default_site=True).root_page,
            site_name="Hingham",
        )
    assert client.get("/", HTTP_HOST="hingham.localhost").status_code == 200
