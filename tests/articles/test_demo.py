"""The seed article, served from demo content, has every element of the seed page."""

import html as html_lib
import re
from pathlib import Path

from django.core.management import call_command

from wagtail.models import Page

import pytest

from articles.demo import LONG_TERM_EFFECTS, SEED_ALT_TEXT, SEED_HEADINGS, THERAPIES
from articles.models import ArticleCategory, ArticleIndexPage, ArticlePage
from core.models import CenterSettings
from people.models import Person

SEED = Path(__file__).parent / "data" / "heroin-and-depression.txt"
SEED_URL = "/articles/how-heroin-can-lead-to-depression/"


def seed_lines():
    lines = [line.strip() for line in SEED.read_text().splitlines() if line.strip()]
    # The first two lines are the site's header (menu toggle, tagline), not the
    # article; the one after the title is the hero image's alt text.
    return lines[2:]


def page_text(html):
    main = html.split('<main id="main"')[1].split("</main>")[0]
    # Inline tags vanish; block tags become spaces between words.
    main = re.sub(r"</?(a|strong|em|b|i)\b[^>]*>", "", main)
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", main))
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def demo(db):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def seed_html(demo, client):
    response = client.get(SEED_URL)
    assert response.status_code == 200
    return response.content.decode()


def test_seed_has_every_heading_as_an_h2(seed_html):
    found = re.findall(r"<h2 id=\"[^\"]+\">([^<]+)</h2>", seed_html)
    assert [html_lib.unescape(h) for h in found[: len(SEED_HEADINGS)]] == SEED_HEADINGS
    assert [line for line in seed_lines() if line in SEED_HEADINGS] == SEED_HEADINGS
    assert seed_html.count("<h1") == 1
    assert ">How Heroin Can Lead to Depression</h1>" in seed_html


def test_seed_has_both_lists_with_all_sixteen_items(seed_html):
    lists = re.findall(r"<ul>(.*?)</ul>", seed_html, re.S)
    items = [re.findall(r"<li>(.*?)</li>", found) for found in lists]
    items = [[html_lib.unescape(item) for item in found] for found in items]
    assert LONG_TERM_EFFECTS in items
    assert THERAPIES in items
    seed_bullets = [
        line.lstrip("• ").strip() for line in seed_lines() if line.startswith("•")
    ]
    assert seed_bullets == LONG_TERM_EFFECTS + THERAPIES
    assert len(seed_bullets) == 16


def test_seed_has_every_paragraph(seed_html):
    text = page_text(seed_html)
    lines = [line for line in seed_lines() if not line.startswith("•")]
    missing = [line for line in lines if line != SEED_ALT_TEXT and line not in text]
    assert missing == []


def test_seed_hero_image_claims_nothing_it_does_not_show(seed_html):
    # The demo's hero is abstract, not the seed's photo of a man in a hoodie.
    hero = re.search(r"<img[^>]*article__hero-image[^>]*>", seed_html).group(0)
    assert 'alt=""' in hero and "hoodie" not in hero


def test_seed_phone_numbers_come_from_center_settings(demo, client):
    center = CenterSettings.objects.get(site__is_default_site=True)
    center.admissions_phone = "(617) 555-0100"
    center.save()
    html = client.get(SEED_URL).content.decode()
    main = html.split('<main id="main"')[1].split("</main>")[0]
    assert "866.276.1920" not in main
    assert "call Evoke Wellness at Waltham today at " in main
    assert main.count('<a href="tel:+16175550100">617.555.0100</a>') >= 2


def test_seed_links_contact_page_and_heroin_rehab_when_they_exist(seed_html):
    # A full address once there are two centers (Wagtail's rule for links
    # in rich text, which knows no request): the first center's contact page.
    contact = Page.objects.filter(slug="contact").first()
    assert f'<a href="{contact.url}">contacting us online</a>' in seed_html
    service = Page.objects.filter(slug="heroin-rehab").first()
    if service is not None:
        assert f'<a href="{service.url}">heroin rehab in Waltham, MA</a>' in seed_html
    else:
        assert "heroin rehab in Waltham, MA, call" in seed_html


def test_seed_shows_review_categories_and_related(seed_html):
    assert "Medically reviewed by <a" in seed_html
    assert "Jordan Ellis, MD" in seed_html
    assert "Last reviewed" in seed_html
    assert 'href="/articles/category/heroin/"' in seed_html
    assert seed_html.count('class="article-card"') == 3
    assert SEED_URL not in seed_html.split("related-heading")[1]


def test_demo_articles_fill_the_index_in_three_categories(demo, client):
    # The first center's; Cohasset's shows the same articles as aliases.
    index = ArticleIndexPage.objects.first()
    assert index.show_in_menus
    articles = ArticlePage.objects.child_of(index).live()
    assert articles.count() >= 7
    top_level = {
        (category.parent or category).slug
        for article in articles
        for category in article.categories.all()
    }
    assert {"substances", "mental-health", "treatment"} <= top_level
    html = client.get("/articles/").content.decode()
    assert html.index("How Heroin Can Lead to Depression") < html.index(
        "Heroin Withdrawal"
    )


def test_demo_loader_is_idempotent(demo):
    counts = (
        ArticlePage.objects.count(),
        ArticleCategory.objects.count(),
        Person.objects.count(),
    )
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts == (
        ArticlePage.objects.count(),
        ArticleCategory.objects.count(),
        Person.objects.count(),
    )
