"""The site's icon in browser tabs, bookmarks and a phone's home screen."""

import re

from django.contrib.staticfiles import finders
from django.templatetags.static import static


def test_every_page_names_its_icons_and_they_exist(client, center, home_page):
    html = client.get("/").content.decode()
    icons = dict(
        re.findall(r'<link rel="(icon|apple-touch-icon)" href="([^"]+)"', html)
    )
    assert set(icons) == {"icon", "apple-touch-icon"}
    for url in icons.values():
        name = url.removeprefix(static(""))
        assert finders.find(name), f"{url} is not a static file"


def test_the_address_browsers_guess_leads_to_the_icon(db, client):
    # Asked for by browsers and crawlers whatever a page links to; was a 404.
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == static("icons/favicon.svg")
