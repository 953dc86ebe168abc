"""Document uploads through the admin: only office formats, within the size limit."""

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents import get_document_model

import pytest

ADD_DOCUMENT = "/admin/documents/add/"
ADD_DOCUMENTS = "/admin/documents/multiple/add/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def add_document(admin_client, name, content):
    return admin_client.post(
        ADD_DOCUMENT,
        {"title": "Admission checklist", "file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize(
    "name", ["checklist.html", "checklist.htm", "logo.svg", "run.js", "setup.exe"]
)
def test_file_types_a_browser_would_run_are_refused(admin_client, name):
    response = add_document(admin_client, name, b"<script>alert(1)</script>")
    assert response.status_code == 200
    [error] = response.context["form"].errors["file"]
    assert error.startswith(
        f"File extension “{name.rsplit('.', 1)[1]}” is not allowed."
    )
    assert "pdf" in error
    assert not get_document_model().objects.exists()


def test_html_is_refused_by_the_add_documents_uploader_too(admin_client):
    response = admin_client.post(
        ADD_DOCUMENTS,
        {"files[]": SimpleUploadedFile("checklist.html", b"<script></script>")},
    )
    answer = response.json()
    assert answer["success"] is False
    assert "is not allowed" in answer["error_message"]
    assert not get_document_model().objects.exists()


def test_document_larger_than_the_upload_limit_is_refused(admin_client):
    limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    response = add_document(admin_client, "scan.pdf", PDF + b"\0" * limit)
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert any(error.startswith("This file is too big") for error in errors), errors
    assert not get_document_model().objects.exists()


def test_uploaded_pdf_downloads_from_its_public_address(admin_client, client):
    response = add_document(admin_client, "checklist.pdf", PDF)
    assert response.status_code == 302
    document = get_document_model().objects.get()
    download = client.get(document.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"


def test_document_chooser_upload_refuses_html(admin_client):
    """The upload tab of the document chooser opened from the page editor."""
    response = admin_client.post(
        "/admin/documents/chooser/create/",
        {
            "document-chooser-upload-title": "Checklist",
            "document-chooser-upload-file": SimpleUploadedFile(
                "checklist.html", b"<script></script>"
            ),
        },
    )
    assert response.json()["step"] == "reshow_creation_form"
    assert "is not allowed" in response.json()["htmlFragment"]
    assert not get_document_model().objects.exists()
