from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import override_settings

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db


def current_code(device):
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def make_user(username, group=None, superuser=False):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(
            username, f"{username}@example.org", "pw-12345678"
        )
    user = User.objects.create_user(username, f"{username}@example.org", "pw-12345678")
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@override_settings(TWO_FACTOR_FOR_INQUIRY_STAFF=True)
def test_inquiry_staff_must_set_up_a_second_factor_before_the_admin(client):
    client.force_login(make_user("admissions", group="Admissions"))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/two-factor/?next=")

    setup = client.get(response["Location"])
    assert "Scan this code" in setup.content.decode()
    device = TOTPDevice.objects.get(user__username="admissions")
    assert not device.confirmed

    wrong = client.post("/two-factor/", {"token": "000000", "next": "/admin/"})
    assert "did not match" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302
    # Each wrong code adds a growing wait before the next try; let it pass.
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    device.throttle_reset()

    right = client.post(
        "/two-factor/", {"token": current_code(device), "next": "/admin/"}
    )
    assert right.status_code == 302 and right["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


@override_settings(TWO_FACTOR_FOR_INQUIRY_STAFF=True)
def test_superusers_also_need_the_second_factor(client):
    client.force_login(make_user("root", superuser=True))
    assert client.get("/admin/")["Location"].startswith("/two-factor/")


@override_settings(TWO_FACTOR_FOR_INQUIRY_STAFF=True)
def test_staff_who_cannot_see_inquiries_sign_in_with_a_password_only(client):
    client.force_login(make_user("marketing", group="Marketing editors"))
    assert client.get("/admin/").status_code == 200


@override_settings(TWO_FACTOR_FOR_INQUIRY_STAFF=True)
def test_the_next_address_cannot_send_staff_to_another_site(client):
    user = make_user("admissions2", group="Admissions")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client.force_login(user)
    response = client.post(
        "/two-factor/", {"token": current_code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"


@override_settings(TWO_FACTOR_FOR_INQUIRY_STAFF=True)
def test_guessing_codes_is_slowed_down(client):
    user = make_user("admissions3", group="Admissions")
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client.force_login(user)
    client.post("/two-factor/", {"token": "000000"})
    second = client.post("/two-factor/", {"token": "000001"})
    assert "Too many wrong codes" in second.content.decode()
