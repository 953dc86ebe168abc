import json
import re

import pytest

from tests.articles.conftest import make_article, make_picture


def test_index_lists_newest_first_with_summary_and_category(
    client, center, article_index, categories
):
    make_article(article_index, title="Older", categories=[categories["heroin"]])
    make_article(
        article_index,
        title="Newer",
        summary="Fresh news.",
        hero_image=make_picture("Thumbnail"),
    )
    client.get("/articles/")  # renditions are made on the first view
    html = client.get("/articles/").content.decode()
    assert html.index("Newer") < html.index("Older")
    assert "Fresh news." in html
    assert 'href="/articles/category/heroin/">Substances › Heroin</a>' in html
    assert html.count("<h1") == 1
    thumbnail = re.search(r"<img[^>]*article-card__image[^>]*>", html).group(0)
    assert "srcset=" in thumbnail and "sizes=" in thumbnail
    assert 'width="' in thumbnail and 'height="' in thumbnail


def test_index_links_its_feeds_in_the_head(client, center, article_index):
    html = client.get("/articles/").content.decode()
    head = html.split("</head>")[0]
    assert 'type="application/rss+xml"' in head
    assert 'href="/articles/feed/"' in head


def test_category_filter_includes_subcategories(
    client, center, article_index, categories
):
    make_article(article_index, title="About heroin", categories=[categories["heroin"]])
    make_article(
        article_index, title="About therapy", categories=[categories["treatment"]]
    )
    html = client.get("/articles/category/substances/").content.decode()
    assert "About heroin" in html
    assert "About therapy" not in html
    assert client.get("/articles/category/no-such-thing/").status_code == 404


def test_tag_filter(client, center, article_index):
    make_article(article_index, title="Tagged one", tags=["family"])
    make_article(article_index, title="Untagged one")
    html = client.get("/articles/tag/family/").content.decode()
    assert "Tagged one" in html
    assert "Untagged one" not in html
    assert client.get("/articles/tag/nothing/").status_code == 404


@pytest.mark.parametrize(
    ("page", "shown"),
    [
        ("2", "Page 2"),
        ("0", "Page 3"),
        ("99", "Page 3"),
        ("abc", "Page 1"),
        ("", "Page 1"),
    ],
)
def test_pagination_bad_numbers_give_first_or_last_page(
    client, center, article_index, page, shown
):
    article_index.articles_per_page = 2
    article_index.save_revision().publish()
    for _ in range(5):
        make_article(article_index)
    response = client.get("/articles/", {"page": page})
    assert response.status_code == 200
    assert f'<span aria-current="page">{shown}</span>' in response.content.decode()


def test_page_links_stay_few_however_many_pages(client, center, article_index):
    article_index.articles_per_page = 1
    article_index.save_revision().publish()
    for _ in range(30):
        make_article(article_index)
    html = client.get("/articles/", {"page": "15"}).content.decode()
    links = html.count('href="?page=')
    assert '<span aria-current="page">Page 15</span>' in html
    assert 'href="?page=30"' in html and 'href="?page=1"' in html
    assert links <= 9  # first, last, two either side, newer/older


def test_drafts_and_unpublished_changes_are_not_public(
    client, center, article_index, admin_client
):
    make_article(article_index, title="Secret draft", slug="secret", publish=False)
    live = make_article(article_index, title="Live title", slug="live")
    live.title = "Unpublished new title"
    live.save_revision()
    assert client.get("/articles/secret/").status_code == 404
    assert "Secret draft" not in client.get("/articles/").content.decode()
    assert "Secret draft" not in client.get("/articles/feed/").content.decode()
    html = client.get("/articles/live/").content.decode()
    assert "Live title" in html
    assert "Unpublished new title" not in html
    preview = admin_client.get(f"/admin/pages/{live.pk}/view_draft/")
    assert "Unpublished new title" in preview.content.decode()


def test_article_shows_review_dates_reading_time_and_one_h1(
    client, center, article_index, categories, reviewer, reviewed_on
):
    make_article(
        article_index,
        slug="reviewed",
        title="Reviewed article",
        summary="What this article covers.",
        medical_reviewer=reviewer,
        last_reviewed=reviewed_on,
        categories=[categories["depression"]],
        tags=["dual diagnosis"],
        hero_image=make_picture("Hero"),
    )
    html = client.get("/articles/reviewed/").content.decode()
    assert html.count("<h1") == 1
    assert '<meta name="description" content="What this article covers.">' in html
    assert "Medically reviewed by <a" in html
    assert "Dana Reyes, MD</a> · Last reviewed" in html
    assert '<time datetime="2026-03-14">14 March 2026</time>' in html
    assert "1 min read" in html
    assert "Published <time" in html
    assert 'href="/articles/category/depression/"' in html
    assert 'href="/articles/tag/dual-diagnosis/"' in html
    hero = re.search(r"<img[^>]*article__hero-image[^>]*>", html).group(0)
    assert "srcset=" in hero and "sizes=" in hero
    assert 'width="' in hero and 'height="' in hero
    assert 'alt="alt text for Hero"' in hero


def test_body_images_are_lazy_with_srcset_and_contextual_alt(
    client, center, article_index
):
    image = make_picture("Body picture")
    make_article(
        article_index,
        slug="pictures",
        body=json.dumps(
            [
                {
                    "type": "image",
                    "value": {
                        "image": {
                            "image": image.pk,
                            "alt_text": "a calm room",
                            "decorative": False,
                        },
                        "caption": "Our group room",
                    },
                }
            ]
        ),
    )
    html = client.get("/articles/pictures/").content.decode()
    body_image = re.search(
        r"<figure class=\"body-image\">.*?</figure>", html, re.S
    ).group(0)
    assert 'loading="lazy"' in body_image
    assert "srcset=" in body_image and 'width="' in body_image
    assert 'alt="a calm room"' in body_image
    assert "<figcaption>Our group room</figcaption>" in body_image


def test_feed_lists_live_articles(client, center, article_index):
    make_article(article_index, title="In the feed", summary="Feed summary.")
    rss = client.get("/articles/feed/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    body = rss.content.decode()
    assert "<title>In the feed</title>" in body
    assert "Feed summary." in body
    assert "http://localhost/articles/article-" in body or "/articles/article-" in body
    atom = client.get("/articles/feed/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
