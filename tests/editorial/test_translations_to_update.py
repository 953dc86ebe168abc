"""When the English page changes, its translation shows under Reports →
Translations to update until the translation is published again; a Spanish
health page goes through the Medical review workflow like the original."""

from django.urls import reverse

import pytest

from tests.articles.conftest import article_index, make_article  # noqa: F401
from tests.core.conftest import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(home_page, center, article_index):  # noqa: F811
    translate(home_page, "Inicio")
    article = make_article(article_index, title="Heroin and depression")
    spanish = translate(article, "La heroína y la depresión", slug="heroina")
    return article, spanish


def report(client):
    return client.get(reverse("translations_to_update")).content.decode()


def test_a_changed_original_puts_its_translation_on_the_report(admin_client, pair):
    article, spanish = pair
    assert "La heroína y la depresión" not in report(admin_client)

    article.title = "Heroin and depression: what families should know"
    article.save_revision().publish()
    html = report(admin_client)
    assert "La heroína y la depresión" in html
    assert reverse("wagtailadmin_pages:edit", args=[spanish.pk]) in html

    spanish.save_revision().publish()
    assert "La heroína y la depresión" not in report(admin_client)


def test_the_report_is_for_editors_and_reviewers_only(client, django_user_model):
    user = django_user_model.objects.create_user("visitor", password="pw")
    client.force_login(user)
    assert client.get(reverse("translations_to_update")).status_code in (302, 403)


def test_a_spanish_article_is_reviewed_like_the_original(pair):
    article, spanish = pair
    workflow = article.get_workflow()
    assert workflow is not None and workflow.name == "Medical review"
    assert spanish.get_workflow() == workflow
