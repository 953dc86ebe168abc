import html
import re

from django.apps import apps
from django.urls import reverse

import pytest

from contact.groups import ADMISSIONS
from health_checks.models import ClaimPhrases
from health_checks.roles import ensure_reviewers_edit_claim_phrases
from tests.contact.conftest import make_staff
from tests.editorial.conftest import (  # noqa: F401 - fixtures used here
    article_index,
    editor,
    editorial_roles,
    medical_reviewer,
)
from tests.pages import make_service_index

from .link_server import link_server, only_this_machine  # noqa: F401 - fixtures


@pytest.fixture
def claim_roles(editorial_roles):  # noqa: F811 - the fixture above
    """The editorial groups with the reviewers' right to edit the phrases,
    as the migrations leave them (another app's test may have flushed them)."""
    ensure_reviewers_edit_claim_phrases(apps)


@pytest.fixture
def admissions(db, django_user_model):
    return make_staff(django_user_model, "admissions", ADMISSIONS)


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser(
        "webadmin", "webadmin@example.org", "pw"
    )


@pytest.fixture
def programs(editorial_roles, home_page):  # noqa: F811 - the fixture above
    """The treatment programs section, under the Medical review workflow."""
    return make_service_index(home_page)


@pytest.fixture
def phrases(db):
    """The phrase list as a fresh site has it (the defaults)."""
    return ClaimPhrases.load()


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def report_rows(response):
    """The cells of each row of a report's table, as shown, and the row's first
    link."""
    listing = response.content.decode().split('id="listing-results"')[1]
    table = listing.split("<tbody>")[1].split("</tbody>")[0]
    rows = []
    for row in table.split("</tr>")[:-1]:
        cells = [
            " ".join(html.unescape(re.sub(r"<[^>]+>", " ", cell)).split())
            for cell in row.split("</td>")[:-1]
        ]
        link = re.search(r'<a [^>]*href="([^"]+)"', row).group(1)
        rows.append((*cells, link))
    return rows
