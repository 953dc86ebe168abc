"""Redirects reach visitors at once behind the real Varnish front cache."""

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.editorial_mechanics.test_redirects import confirm_form_data
from tests.varnish import get as get_page
from tests.varnish import site_pages, varnish, varnishd  # noqa: F401


def get(url):
    """Status, Location and X-Cache of one request, redirects not followed."""
    status, headers, _ = get_page(url)
    return status, headers.get("Location"), headers.get("X-Cache")


def test_bulk_imported_redirects_replace_cached_not_found_pages(
    varnish,  # noqa: F811
    site_pages,  # noqa: F811
    admin_client,
):
    # Crawlers asked for the old addresses before the redirects were imported.
    old_addresses = ["/admissions.php", "/blog/insurance-we-accept/"]
    for old in old_addresses:
        assert get(varnish + old)[0] == 404
        assert get(varnish + old)[2] == "HIT"

    confirm_page = admin_client.post(
        "/admin/redirects/import/",
        {
            "import_file": SimpleUploadedFile(
                "old-site.csv",
                b"from,to\n"
                b"/admissions.php,http://localhost/\n"
                b"/blog/insurance-we-accept/,http://localhost/\n",
            )
        },
    )
    done = admin_client.post(
        "/admin/redirects/import/process/",
        confirm_form_data(confirm_page, from_index="0", to_index="1"),
    )
    assert done.status_code == 302

    for old in old_addresses:
        status, location, _ = get(varnish + old)
        assert (status, location) == (301, "http://localhost/"), old
