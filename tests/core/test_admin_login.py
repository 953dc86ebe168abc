import io
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import override_settings
from django.utils import timezone

import pytest


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


def test_there_is_no_public_password_reset(client, center):
    from django.core import mail

    get_user_model().objects.create_superuser("staff", "staff@example.org", "x")
    assert "Forgotten password" not in client.get("/admin/login/").content.decode()
    for _ in range(3):
        response = client.post("/admin/password_reset/", {"email": "staff@example.org"})
        assert response.status_code == 404
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("Waltham-7x2", "at least 12 characters"),
        ("password1234", "too common"),
        ("dana.reyes.staff", "too similar"),
    ],
)
def test_passwords_are_long_uncommon_and_unlike_the_account(db, password, problem):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    user = get_user_model()(username="dana.reyes", email="dana.reyes@example.org")
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    assert problem in " ".join(refused.value.messages)


def test_the_demo_admin_password_passes_the_rules(db, monkeypatch, settings):
    from django.core.management import call_command

    from core.management.commands.ensure_demo_accounts import DEFAULT_PASSWORD

    settings.DEBUG = True
    monkeypatch.delenv("ADMIN_USERNAME", raising=False)
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    call_command("ensure_demo_accounts", stdout=io.StringIO())
    assert (
        get_user_model().objects.get(username="admin").check_password(DEFAULT_PASSWORD)
    )


def test_demo_accounts_refuse_a_weak_password_and_say_why(db, monkeypatch, settings):
    from django.core.management import CommandError, call_command

    settings.DEBUG = True
    monkeypatch.setenv("ADMIN_PASSWORD", "short")
    with pytest.raises(CommandError, match="at least 12 characters"):
        call_command("ensure_demo_accounts", stdout=io.StringIO())
    assert not get_user_model().objects.exists()
