"""Visitors and search engines keep finding the pages at their old addresses."""

from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document

import pytest

from .conftest import imported, wp_id

pytestmark = pytest.mark.django_db

OLD_ADDRESSES = [
    ("/2024/05/understanding-opioid-withdrawal/", "Understanding Opioid Withdrawal"),
    ("/?p={id}", "Understanding Opioid Withdrawal"),
    ("/about-us/our-team/leadership/", None),
    ("/?page_id={id}", "Leadership"),
    ("/2024/04/what-to-expect-in-detox/", "What to Expect in Detox"),
]


@pytest.mark.parametrize(("old", "title"), OLD_ADDRESSES)
def test_old_permalinks_answer_301_to_the_new_page(run_import, client, old, title):
    run_import()
    target = imported(title or "Leadership")
    old = old.format(id=wp_id(title)) if title else old

    response = client.get(old)
    if old == target.url:
        # The page kept its address: it answers itself.
        assert response.status_code == 200
        return
    assert response.status_code == 301, old
    assert response["Location"] == target.url


def test_old_category_tag_and_upload_addresses_redirect(run_import, client):
    run_import()

    response = client.get("/category/substances/opioids/")
    assert response.status_code == 301
    assert response["Location"].endswith("/articles/category/opioids/")
    assert client.get(response["Location"]).status_code == 200
    response = client.get("/tag/harm-reduction/")
    assert response["Location"].endswith("/articles/tag/harm-reduction/")
    assert client.get(response["Location"]).status_code == 200
    response = client.get("/2024/05/understanding-opioid-withdrawal/calm-room/")
    assert response.status_code == 301
    assert response["Location"] == imported("Understanding Opioid Withdrawal").url


def test_drafts_get_no_redirect(run_import):
    run_import()
    assert not Redirect.objects.filter(
        old_path__contains=f"p={wp_id('Family Program FAQ')}"
    ).exists()
    assert not Redirect.objects.filter(old_path__contains="staff-holiday").exists()


def test_old_pdf_address_redirects_to_the_document(run_import, client):
    run_import()
    checklist = Document.objects.get(title="Admission checklist")

    response = client.get("/wp-content/uploads/2024/04/admission-checklist.pdf")

    assert response.status_code == 301
    assert response["Location"] == checklist.url
    assert client.get(checklist.url).status_code == 200
