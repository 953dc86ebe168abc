"""The page explorer offers only the bulk actions the person may take there."""

import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

import wagtail.admin

import pytest

from standard_pages.models import StandardPage
from tests.articles.conftest import make_article

BULK = re.compile(r'href="/admin/bulk/wagtailcore/page/(\w+)/"')


def bulk_actions(client, parent):
    html = client.get(reverse("wagtailadmin_explore", args=[parent.pk])).content
    return set(BULK.findall(html.decode()))


@pytest.fixture
def sections(article_index, home_page):
    make_article(article_index, slug="sleep")
    about = StandardPage(title="About us", slug="about")
    home_page.add_child(instance=about)
    about.save_revision().publish()
    return article_index, home_page


def test_an_editor_is_not_offered_publishing_health_content_in_bulk(
    client, editor, sections
):
    articles, home = sections
    client.force_login(editor)

    # Editors look after ordinary pages, "About us" among them.
    assert bulk_actions(client, home) == {"move", "delete", "publish", "unpublish"}
    # Articles go live, and are taken down, only through medical review.
    assert bulk_actions(client, articles) == set()


def test_a_superuser_is_offered_every_bulk_action(client, admin_user, sections):
    articles, _ = sections
    client.force_login(admin_user)
    assert bulk_actions(client, articles) == {"move", "delete", "publish", "unpublish"}


def test_the_footer_is_wagtails_own_but_for_the_choice_of_actions():
    # Our copy of Wagtail's bulk action footer must follow Wagtail's on upgrade.
    ours = Path(settings.BASE_DIR, "templates/wagtailadmin/bulk_actions/footer.html")
    wagtails = Path(
        wagtail.admin.__file__, "../templates/wagtailadmin/bulk_actions/footer.html"
    ).resolve()
    expected = (
        wagtails.read_text()
        .replace("wagtailadmin_tags %}", "wagtailadmin_tags editorial_admin %}")
        .replace(
            "{% bulk_action_choices app_label model_name %}",
            "{% bulk_actions_for_listing app_label model_name objects %}",
        )
    )
    ours_without_comment = "".join(
        line
        for line in ours.read_text().splitlines(True)
        if "{% comment %}" not in line
    )
    assert ours_without_comment == expected
