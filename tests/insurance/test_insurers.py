"""One list of accepted insurers, edited once, shown everywhere; and the ways to
the verification from every page."""

import importlib
import re
import types

from django.apps import apps
from django.db import connection

from wagtail.models import Page

import pytest

from insurance.models import Insurer
from standard_pages.models import StandardPage
from tests.pages import make_standard_page

from .conftest import PAGE_URL

pytestmark = pytest.mark.django_db


@pytest.fixture
def insurance_page(home_page, verify_page):
    page = StandardPage(
        title="Insurance",
        slug="insurance",
        introduction="Many plans cover treatment.",
        body=[
            ("insurers", {"heading": "Insurance we accept", "note": ""}),
            (
                "verify_insurance",
                {
                    "heading": "Find out",
                    "text": "",
                    "button_label": "Check my coverage",
                },
            ),
        ],
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_the_insurer_list_is_edited_once_and_shown_on_the_page_and_in_the_form(
    client, insurance_page, insurers
):
    page = client.get("/insurance/").content.decode()
    assert re.findall(r"<li>([^<]+)</li>", page.split('class="insurers__list"')[1])[
        :3
    ] == [
        "Aetna",
        "Cigna",
        "Tufts Health Plan",
    ]
    # An editor renames one and adds one: the next views show both.
    insurers[1].name = "Cigna Healthcare"
    insurers[1].save()
    Insurer.objects.create(name="Fallon Health", sort_order=9)
    page = client.get("/insurance/").content.decode()
    assert "<li>Cigna Healthcare</li>" in page and "<li>Fallon Health</li>" in page
    assert "<li>Cigna</li>" not in page
    form = client.post(
        PAGE_URL,
        {
            "step": "1",
            "nav": "next",
            "answers": "",
            "help_for": "myself",
            "name": "Sam",
            "phone": "6175550134",
            "form_token": "x",
        },
    ).content.decode()
    assert ">Fallon Health</option>" in form and ">Cigna Healthcare</option>" in form


def test_the_verification_is_reachable_from_the_header_the_contact_page_and_a_block(
    client, insurance_page, contact_page
):
    about = make_standard_page(insurance_page.get_parent(), "About us")
    header_link = rf'<a class="header-cta" href="{PAGE_URL}\?from={about.pk}">Verify your insurance</a>'
    assert re.search(header_link, client.get(about.url).content.decode())
    # Not on the verification page itself.
    assert "header-cta" not in client.get(PAGE_URL).content.decode()
    contact = client.get("/contact/").content.decode()
    assert f'href="{PAGE_URL}?from={contact_page.pk}"' in contact
    block = client.get("/insurance/").content.decode()
    assert f'href="{PAGE_URL}?from={insurance_page.pk}">Check my coverage</a>' in block
    # A visitor who follows a link from a page is counted as coming from it.
    step_1 = client.get(f"{PAGE_URL}?from={about.pk}").content.decode()
    assert re.search(rf'name="source_page" value="{about.pk}"', step_1)


def test_without_a_live_verification_page_no_link_leads_nowhere(
    client, insurance_page, verify_page
):
    verify_page.unpublish()
    html = client.get("/insurance/").content.decode()
    assert "header-cta" not in html and "verify-block" not in html


def test_the_upgrade_keeps_the_insurers_a_page_listed(home_page):
    """Before the snippet, each block held its own list of names."""
    page = StandardPage(title="Insurance", slug="insurance", introduction="x")
    home_page.add_child(instance=page)
    old_body = (
        '[{"type": "insurers", "id": "a", "value": {"heading": "We accept", '
        '"insurers": [{"type": "item", "value": "Aetna", "id": "1"}, '
        '"Mass General Brigham Health Plan"], "note": ""}}]'
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE standard_pages_standardpage SET body = %s WHERE page_ptr_id = %s",
            [old_body, page.pk],
        )
    migration = importlib.import_module(
        "standard_pages.migrations.0004_alter_standardpage_body"
    )
    migration.keep_listed_insurers(apps, types.SimpleNamespace(connection=connection))
    assert list(Insurer.objects.values_list("name", flat=True)) == [
        "Aetna",
        "Mass General Brigham Health Plan",
    ]
    assert Page.objects.filter(pk=page.pk).exists()
