import io
import re
from datetime import datetime

from django.core.files.images import ImageFile
from django.urls import reverse

import pytest
from PIL import Image as PILImage

from articles.models import ArticlePage
from core.images import SHARE_FILTER
from core.models import SiteImage
from tests.pages import make_location, make_standard_page, publish
from tests.seo.conftest import picture

pytestmark = pytest.mark.django_db


def head(response):
    assert response.status_code == 200
    return response.content.decode().split("</head>")[0]


def meta(html, attribute, name):
    """The content of every <meta {attribute}="{name}" content="..."> tag."""
    return re.findall(
        rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html
    )


def canonical(html):
    return re.findall(r'<link rel="canonical" href="([^"]*)">', html)


def test_every_kind_of_page_has_one_absolute_canonical_link(
    client, center, home_page, reviewed_article
):
    location = make_location(home_page, "Waltham", slug="waltham")
    standard = make_standard_page(home_page, "About us")

    assert canonical(head(client.get("/"))) == ["http://localhost/"]
    for page in (reviewed_article, location, standard, reviewed_article.get_parent()):
        assert canonical(head(client.get(page.url))) == [page.full_url]
    assert canonical(head(client.get(reverse("search"), {"q": "x"}))) == [
        "http://localhost/search/"
    ]


def test_canonical_of_a_filtered_list_is_its_own_address(
    client, center, reviewed_article
):
    # Routable sub-pages of the article index (feeds and filters) keep their path.
    response = client.get("/articles/?page=1")

    assert canonical(head(response)) == ["http://localhost/articles/"]


def test_each_page_of_a_list_is_canonical_to_itself(
    client, center, article_index, reviewed_article
):
    article_index.articles_per_page = 1
    article_index.save()
    publish(
        article_index,
        ArticlePage(title="Second", slug="second", summary="S.", body="[]"),
    )

    assert canonical(head(client.get("/articles/?page=2"))) == [
        "http://localhost/articles/?page=2"
    ]
    assert meta(head(client.get("/articles/?page=2")), "property", "og:url") == [
        "http://localhost/articles/?page=2"
    ]
    # Past the end is the last page, which is page 2; the first page has no number.
    assert canonical(head(client.get("/articles/?page=9&utm_source=x"))) == [
        "http://localhost/articles/?page=2"
    ]
    assert canonical(head(client.get("/articles/?page=1"))) == [
        "http://localhost/articles/"
    ]


def test_title_prefers_the_seo_title(client, center, home_page):
    page = make_standard_page(home_page, "About us", seo_title="About Evoke Waltham")
    plain = make_standard_page(home_page, "Careers")

    assert "<title>About Evoke Waltham | Evoke Wellness at Waltham</title>" in head(
        client.get(page.url)
    )
    assert meta(head(client.get(page.url)), "property", "og:title") == [
        "About Evoke Waltham"
    ]
    assert "<title>Careers | Evoke Wellness at Waltham</title>" in head(
        client.get(plain.url)
    )


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"search_description": "Written for search.", "introduction": "Intro."},
            "Written for search.",
        ),
        (
            {"introduction": "Who we are and how we help."},
            "Who we are and how we help.",
        ),
    ],
)
def test_description_falls_back_to_the_summary(
    client, center, home_page, fields, expected
):
    page = make_standard_page(home_page, "About us", **fields)

    html = head(client.get(page.url))

    assert meta(html, "name", "description") == [expected]
    assert meta(html, "property", "og:description") == [expected]
    assert meta(html, "name", "twitter:description") == [expected]


def test_description_falls_back_to_the_center_tagline(client, center, home_page):
    center.tagline = "Recovery starts with one call"
    center.save()

    html = head(client.get("/"))

    assert meta(html, "name", "description") == ["Recovery starts with one call"]
    assert meta(html, "property", "og:description") == ["Recovery starts with one call"]


def test_article_description_is_its_summary(client, center, reviewed_article):
    html = head(client.get(reviewed_article.url))

    assert meta(html, "name", "description") == [reviewed_article.summary]


def test_article_shares_its_hero_image_as_a_large_card(
    client, center, reviewed_article
):
    html = head(client.get(reviewed_article.url))

    [image] = meta(html, "property", "og:image")
    assert image.startswith("http://localhost/media/images/")
    assert ".fill-1200x630." in image
    assert meta(html, "property", "og:image:width") == ["1200"]
    assert meta(html, "property", "og:image:height") == ["630"]
    assert meta(html, "property", "og:image:alt") == [
        "Man leaning on a wall, described"
    ]
    assert meta(html, "name", "twitter:image") == [image]
    assert meta(html, "name", "twitter:card") == ["summary_large_image"]
    assert meta(html, "property", "og:type") == ["article"]
    assert meta(html, "property", "og:url") == [reviewed_article.full_url]
    [published] = meta(html, "property", "article:published_time")
    assert datetime.fromisoformat(published) == reviewed_article.first_published_at


def test_page_without_an_image_shares_the_center_logo(client, center, home_page):
    center.logo = picture("Evoke logo")
    center.save()
    page = make_standard_page(home_page, "About us")

    html = head(client.get(page.url))

    [image] = meta(html, "property", "og:image")
    assert ".max-1200x630." in image
    assert meta(html, "name", "twitter:card") == ["summary"]
    assert meta(html, "property", "og:type") == ["website"]
    assert meta(html, "property", "og:site_name") == ["Evoke Wellness at Waltham"]


def test_no_share_image_at_all_is_fine(client, center, home_page):
    html = head(client.get("/"))

    assert meta(html, "property", "og:image") == []
    assert meta(html, "name", "twitter:card") == ["summary"]


def test_a_page_hidden_from_search_engines_says_noindex(client, center, home_page):
    page = make_standard_page(home_page, "Staff notice", noindex=True)

    html = head(client.get(page.url))

    assert '<meta name="robots" content="noindex">' in html


def test_pages_are_indexable_by_default(client, center, home_page):
    page = make_standard_page(home_page, "About us")

    assert 'name="robots"' not in head(client.get(page.url))


def test_reading_the_page_leaves_no_cookie_so_a_front_cache_can_share_it(
    client, center, reviewed_article
):
    # The head looks through the template context for a list's page number;
    # it must not wake lazy values (the CSRF token, the user) on the way.
    for url in ("/", "/articles/", "/articles/?page=2", reviewed_article.url):
        response = client.get(url)

        assert response.status_code == 200
        assert not response.cookies, url


def test_share_cards_are_jpeg_whatever_format_was_uploaded():
    # Social sites and chat apps do not all show AVIF, WebP or PNG previews.
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 36), (30, 90, 120)).save(buffer, format="WEBP")
    image = SiteImage.objects.create(
        title="Uploaded as WebP",
        description="a calm room",
        file=ImageFile(buffer, name="upload.webp"),
    )
    rendition = image.get_rendition(SHARE_FILTER)
    assert rendition.file.name.endswith(".jpg")
    with PILImage.open(rendition.file) as card:
        assert card.format == "JPEG"
