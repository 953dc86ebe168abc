"""Redirects from an old site's addresses, made in the admin, answered over HTTP."""

import io
import os
import subprocess
import sys
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from wagtail.contrib.redirects.models import Redirect
from wagtail.test.utils.form_data import nested_form_data, streamfield

import openpyxl
import pytest

from tests.pages import make_standard_page
from tests.tools import require

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def test_redirect_made_in_the_admin_sends_visitors_to_the_page(
    admin_client, client, home_page
):
    insurance = make_standard_page(home_page, "Insurance")
    response = admin_client.post(
        "/admin/redirects/add/",
        {
            "old_path": "/insurance-verification.html",
            "site": "",
            "is_permanent": "on",
            "redirect_page": insurance.pk,
            "redirect_link": "",
        },
    )
    assert response.status_code == 302

    answer = client.get("/insurance-verification.html")
    assert answer.status_code == 301
    assert answer["Location"] == "/insurance/"
    # Old links often carry tracking parameters; they must still arrive.
    assert client.get("/insurance-verification.html?utm_source=x").status_code == 301


def test_redirect_made_in_the_admin_can_point_to_another_site(admin_client, client):
    response = admin_client.post(
        "/admin/redirects/add/",
        {
            "old_path": "/resources/samhsa",
            "site": "",
            "is_permanent": "on",
            "redirect_page": "",
            "redirect_link": "https://www.samhsa.gov/find-help/988",
        },
    )
    assert response.status_code == 302

    answer = client.get("/resources/samhsa/")
    assert answer.status_code == 301
    assert answer["Location"] == "https://www.samhsa.gov/find-help/988"


def confirm_form_data(confirm_page, **choices):
    """What the confirm step's form posts: its signed hidden fields plus choices."""
    form = confirm_page.context["form"]
    return {
        "import_file_name": form.initial["import_file_name"],
        "input_format": form.initial["input_format"],
        "site": "",
        "permanent": "on",
        **choices,
    }


def spreadsheet(rows, file_format):
    """The rows as an editor exports them: CSV or an Excel workbook."""
    if file_format == "csv":
        return "".join(",".join(row) + "\n" for row in rows).encode()
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("pending_file_storage", ["tmp_file", "cache"])
def test_bulk_import_of_an_old_sites_addresses(
    admin_client, client, site, file_format, pending_file_storage
):
    make_standard_page(site.root_page, "Admissions")
    make_standard_page(site.root_page, "Insurance")
    # The import's new addresses are full URLs: this site's public address.
    expected = {
        "/admissions.php": f"{site.root_url}/admissions/",
        "/blog/insurance-we-accept/": f"{site.root_url}/insurance/",
        "/facebook": "https://www.facebook.com/evokewellness",
    }
    old_site_export = spreadsheet(
        [("Old address", "New address"), *expected.items()], file_format
    )
    with override_settings(WAGTAIL_REDIRECTS_FILE_STORAGE=pending_file_storage):
        confirm_page = admin_client.post(
            "/admin/redirects/import/",
            {
                "import_file": SimpleUploadedFile(
                    f"old-site.{file_format}", old_site_export
                )
            },
        )
        assert confirm_page.status_code == 200
        assert "wagtailredirects/confirm_import.html" in [
            template.name for template in confirm_page.templates
        ]
        # Nothing is created until the editor confirms the columns.
        assert not Redirect.objects.exists()

        done = admin_client.post(
            "/admin/redirects/import/process/",
            confirm_form_data(confirm_page, from_index="0", to_index="1"),
        )
    assert done.status_code == 302
    assert done["Location"] == "/admin/redirects/"
    assert Redirect.objects.count() == len(expected)

    for old, new in expected.items():
        answer = client.get(old)
        assert (answer.status_code, answer["Location"]) == (301, new), old
    assert client.get(expected["/admissions.php"]).status_code == 200


def test_renaming_a_page_in_the_admin_keeps_its_old_address_working(
    admin_client, client, home_page, django_capture_on_commit_callbacks
):
    page = make_standard_page(home_page, "Insurance")
    # Wagtail makes the redirect once the rename is committed.
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/pages/{page.pk}/edit/",
            nested_form_data(
                {
                    "title": "Insurance and payment",
                    "slug": "insurance-and-payment",
                    "introduction": page.introduction,
                    "body": streamfield([]),
                    "action-publish": "publish",
                }
            ),
        )
    assert response.status_code == 302
    answer = client.get("/insurance/")
    assert (answer.status_code, answer["Location"]) == (301, "/insurance-and-payment/")


def test_bulk_import_reports_rows_it_cannot_use(admin_client, home_page):
    rows = "from,to\n/ok,https://example.org/\n/relative,/not-a-full-url/\n"
    confirm_page = admin_client.post(
        "/admin/redirects/import/",
        {"import_file": SimpleUploadedFile("rows.csv", rows.encode(), "text/csv")},
    )
    summary = admin_client.post(
        "/admin/redirects/import/process/",
        confirm_form_data(confirm_page, from_index="0", to_index="1"),
    )
    assert summary.status_code == 200
    assert summary.context["import_summary"]["errors_count"] == 1
    assert Redirect.objects.count() == 1


def test_web_processes_share_a_pending_redirect_import_through_redis():
    # Upload and confirm are two requests that may reach two web replicas.
    require_redis()
    setup = (
        "import django; django.setup(); "
        "from wagtail.contrib.redirects.utils import get_file_storage; "
    )
    upload = run_python(
        setup + "s = get_file_storage()(); s.save('from,to\\n'); print(s.name)"
    )
    assert upload.returncode == 0, upload.stderr
    name = upload.stdout.strip()
    confirm = run_python(
        setup + f"s = get_file_storage()(name={name!r}); print(s.read()); s.remove()"
    )
    assert confirm.returncode == 0, confirm.stderr
    assert confirm.stdout.strip() == "from,to"


def require_redis():
    import redis

    try:
        answers = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        answers = False
    require(answers, f"Redis must answer at {REDIS_URL} (CI starts it)")


def run_python(code):
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "evoke_site.settings.dev",
            "REDIS_URL": REDIS_URL,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
