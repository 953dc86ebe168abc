"""Redirects reach visitors at once behind the real Varnish front cache."""

import urllib.error
import urllib.request

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.core.test_front_cache import site_pages, varnish  # noqa: F401
from tests.editorial_mechanics.test_redirects import confirm_form_data


class NotFollowingRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def get(url):
    """Status, Location and X-Cache of one request, redirects not followed."""
    opener = urllib.request.build_opener(NotFollowingRedirects)
    try:
        response = opener.open(url, timeout=10)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        headers = response.headers
        return response.status, headers.get("Location"), headers.get("X-Cache")


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
