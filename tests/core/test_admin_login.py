from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import override_settings
from django.utils import timezone


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_repeated_wrong_passwords_lock_the_admin_login(client, center):
    get_user_model().objects.create_superuser(
        "staff", "staff@example.org", "right-pass-123"
    )
    for _ in range(3):
        response = client.post(
            "/admin/login/", {"username": "staff", "password": "wrong"}
        )
    locked = client.post(
        "/admin/login/", {"username": "staff", "password": "right-pass-123"}
    )
    assert locked.status_code == 429
    assert "Sign-in paused" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)


@override_settings(AXES_ENABLED=True)
def test_the_right_password_still_signs_in(client, db):
    get_user_model().objects.create_superuser(
        "staff", "staff@example.org", "right-pass-123"
    )
    response = client.post(
        "/admin/login/", {"username": "staff", "password": "right-pass-123"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_admin_activity_renews_the_session_and_idleness_ends_it(client, db, settings):
    user = get_user_model().objects.create_superuser(
        "staff", "s@example.org", "pw-12345678"
    )
    client.force_login(user)
    key = client.session.session_key
    Session.objects.filter(pk=key).update(
        expire_date=timezone.now() + timedelta(seconds=10)
    )
    assert client.get("/admin/").status_code == 200
    renewed = Session.objects.get(pk=key).expire_date
    assert renewed > timezone.now() + timedelta(
        seconds=settings.SESSION_COOKIE_AGE - 60
    )

    Session.objects.filter(pk=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
