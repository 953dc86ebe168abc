"""`make run` prints how to sign in as each role, so every guide can be followed."""

import io
import re

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from wagtail.models import Site

import pytest

from articles.models import ArticlePage
from contact.centers import inquiries_for
from contact.groups import ADMISSIONS, MARKETING_EDITORS
from core.demo import COHASSET
from editorial.models import reviewer_profile
from editorial.roles import MEDICAL_REVIEWERS
from tests.contact.conftest import make_inquiry


@pytest.fixture
def demo(db, settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.delenv("ADMIN_USERNAME", raising=False)
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    call_command("load_demo_content", stdout=io.StringIO())


def run():
    out = io.StringIO()
    call_command("ensure_demo_accounts", stdout=out)
    return out.getvalue()


def test_each_role_signs_in_with_the_printed_details(demo, client, django_user_model):
    printed = run()
    password = re.search(r"password for each account: (\S+)", printed).group(1)
    expected = {
        "admin": None,
        "editor": MARKETING_EDITORS,
        "reviewer": MEDICAL_REVIEWERS,
        "admissions": ADMISSIONS,
        "cohasset": "Admissions at Evoke Wellness at Cohasset",
    }
    for username, group in expected.items():
        assert re.search(rf"^  {username} ", printed, re.MULTILINE), printed
        assert client.login(username=username, password=password)
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
        user = django_user_model.objects.get(username=username)
        if group:
            assert [g.name for g in user.groups.all()] == [group]
            assert not user.is_superuser
        client.logout()


def test_the_demo_reviewer_signs_as_the_reviewer_the_articles_show(demo):
    run()
    reviewer = get_user_model().objects.get(username="reviewer")
    shown = ArticlePage.objects.exclude(medical_reviewer=None).first().medical_reviewer
    assert reviewer_profile(reviewer) == shown


def test_running_again_changes_nothing(demo, django_user_model):
    run()
    admin = django_user_model.objects.get(username="admin")
    admin.set_password("changed-by-the-owner-123")
    admin.save()
    again = run()
    assert django_user_model.objects.count() == 5
    assert "already there" in again
    assert django_user_model.objects.get(username="admin").check_password(
        "changed-by-the-owner-123"
    )


def test_each_admissions_login_says_which_centers_inquiries_it_handles(
    demo, django_user_model
):
    printed = run()
    lines = {line.split()[0]: line for line in printed.splitlines()[1:]}
    assert "every center" in lines["admissions"]
    assert "Evoke Wellness at Cohasset only" in lines["cohasset"]

    waltham = Site.objects.get(is_default_site=True)
    cohasset = Site.objects.get(hostname=COHASSET["hostname"])
    from_waltham = make_inquiry(center=waltham)
    from_cohasset = make_inquiry(center=cohasset)
    seen = {
        username: set(inquiries_for(django_user_model.objects.get(username=username)))
        for username in ("admissions", "cohasset")
    }
    assert seen == {
        "admissions": {from_waltham, from_cohasset},
        "cohasset": {from_cohasset},
    }


def test_never_in_production(db, settings, django_user_model):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="local demo"):
        run()
    assert not django_user_model.objects.exists()
