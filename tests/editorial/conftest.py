from django.apps import apps

import pytest

from articles.models import ArticleIndexPage
from contact.groups import MARKETING_EDITORS
from editorial.roles import MEDICAL_REVIEWERS, ensure_editorial_roles


@pytest.fixture
def editorial_roles(home_page):
    """The groups and the "Medical review" workflow, as the data migration leaves them.

    Run again because another app's transactional test may have flushed them.
    """
    ensure_editorial_roles(apps)


def make_user(django_user_model, username, group_name, **names):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@example.org", password="pw", **names
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(editorial_roles, django_user_model):
    return make_user(
        django_user_model,
        "editor",
        MARKETING_EDITORS,
        first_name="Erin",
        last_name="Cole",
    )


@pytest.fixture
def medical_reviewer(editorial_roles, django_user_model):
    return make_user(
        django_user_model,
        "reviewer",
        MEDICAL_REVIEWERS,
        first_name="Dana",
        last_name="Reyes",
    )


@pytest.fixture
def article_index(editorial_roles, home_page, center):
    """The articles section, created after the workflow exists, as on a real site."""
    index = ArticleIndexPage(title="Articles", slug="articles", show_in_menus=True)
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index
