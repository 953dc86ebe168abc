import secrets
import time

from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache

import pytest

from contact.forms import issue_form_token
from contact.groups import ensure_staff_groups
from contact.models import ContactPage, Inquiry


@pytest.fixture(autouse=True)
def empty_cache():
    """The rate limit lives in the cache: every test starts with a clean slate."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def content_types_cached(transactional_db):
    """For tests that commit: keep every content type in the process cache.

    The next serialized-rollback test restores its snapshot into an empty
    database; signal receivers that run meanwhile must find content types in
    the cache, or they create them under new ids that clash with the snapshot.
    """

    def warm():
        ContentType.objects.get_for_models(
            *apps.get_models(), for_concrete_models=False
        )

    warm()
    yield
    warm()


def add_contact_page(parent):
    """A published contact page at /contact/ under `parent` (a home page)."""
    page = ContactPage(
        title="Contact us",
        slug="contact",
        show_in_menus=True,
        intro="<p>Tell us how to reach you.</p>",
        privacy_notice="<p>Only admissions staff read this.</p>",
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def contact_page(home_page, center):
    return add_contact_page(home_page)


def form_data(**overrides):
    """A complete, valid inquiry as a person would send it (token issued a minute ago)."""
    data = {
        "name": "Jordan Reyes",
        "phone": "(617) 555-0134",
        "email": "",
        "preferred_contact_method": "phone",
        "preferred_contact_time": "evening",
        "help_for": "loved_one",
        "message": "My brother needs help with opioids.",
        "consent_to_contact": "on",
        "website": "",
        "form_token": issue_form_token(issued_at=time.time() - 60),
        "utm_source": "",
        "utm_medium": "",
        "utm_campaign": "",
        "source_page": "",
    }
    data.update(overrides)
    return data


def make_inquiry(**overrides):
    values = {
        "name": "Sam Lee",
        "phone": "+16175550134",
        "help_for": Inquiry.HelpFor.MYSELF,
        "message": "I would like to talk about treatment.",
        "consent_to_contact": True,
        "submission_token": secrets.token_urlsafe(18),
    }
    values.update(overrides)
    return Inquiry.objects.create(**values)


def make_staff(django_user_model, username, group_name=None, **extra):
    user = django_user_model.objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password="pw",
        **extra,
    )
    if group_name:
        # Another app's transactional test may have flushed the migrated groups.
        if not Group.objects.filter(name=group_name).exists():
            ensure_staff_groups(apps)
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def admissions_user(db, django_user_model):
    return make_staff(django_user_model, "admissions", "Admissions")


@pytest.fixture
def marketing_user(db, django_user_model):
    return make_staff(django_user_model, "marketing", "Marketing editors")


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser(
        username="root", email="root@example.org", password="pw"
    )
