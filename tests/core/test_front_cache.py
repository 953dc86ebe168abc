"""A real Varnish with our VCL in front of the live site: cached, passed, purged."""

import io
import logging

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings

from wagtail.models import PageViewRestriction, Site

import pytest

from articles.models import ArticleCategory, ArticleIndexPage, ArticlePage
from contact.models import InquirySettings
from core.models import CenterSettings
from home.models import HomePage
from tests.articles.conftest import make_article
from tests.pages import make_service, make_service_index, make_standard_page
from tests.tools import free_port
from tests.varnish import SITE_HOST, get, site_pages, varnish, varnishd  # noqa: F401


def test_anonymous_pages_are_cached_and_publishing_purges_them(varnish, site_pages):  # noqa: F811
    first = get(varnish + "/")
    assert first[0] == 200 and "Version one" in first[2]
    second = get(varnish + "/")
    assert second[1]["X-Cache"] == "HIT"

    site_pages.hero_heading = "Version two"
    site_pages.save_revision().publish()

    status, headers, html = get(varnish + "/")
    assert "Version two" in html
    assert headers["X-Cache"] == "MISS"


def test_changing_site_settings_clears_every_cached_page(varnish, site_pages):  # noqa: F811
    get(varnish + "/")
    assert get(varnish + "/")[1]["X-Cache"] == "HIT"
    center = CenterSettings.for_site(Site.objects.get())
    center.admissions_phone = "617.555.0134"
    center.save()
    status, headers, html = get(varnish + "/")
    assert "617.555.0134" in html and "866.276.1920" not in html


def test_signed_in_editors_and_posts_always_reach_the_site(varnish, site_pages, client):  # noqa: F811
    user = get_user_model().objects.create_superuser(
        "editor", "e@example.org", "pw-123456"
    )
    client.force_login(user)
    session = client.cookies["sessionid"].value
    get(varnish + "/")
    status, headers, _ = get(varnish + "/", cookie=f"sessionid={session}")
    assert headers["X-Cache"] == "MISS"
    assert get(varnish + "/", cookie=f"sessionid={session}")[1]["X-Cache"] == "MISS"
    assert get(varnish + "/admin/login/")[1]["X-Cache"] == "MISS"
    assert get(varnish + "/admin/login/")[1]["X-Cache"] == "MISS"


def test_campaign_addresses_share_the_page_cached_without_their_tags(
    varnish,  # noqa: F811
    site_pages,  # noqa: F811
):
    assert get(varnish + "/?utm_source=google&utm_campaign=spring")[0] == 200
    assert get(varnish + "/?utm_source=facebook")[1]["X-Cache"] == "HIT"
    assert get(varnish + "/")[1]["X-Cache"] == "HIT"
    assert get(varnish + "/?gclid=abc&utm_medium=cpc")[1]["X-Cache"] == "HIT"
    # Other parameters are other pages (a page of a list).
    assert get(varnish + "/?page=2")[1]["X-Cache"] == "MISS"
    assert get(varnish + "/?page=2&utm_source=google")[1]["X-Cache"] == "HIT"

    site_pages.hero_heading = "Version two"
    site_pages.save_revision().publish()
    status, headers, html = get(varnish + "/?utm_source=google")
    assert "Version two" in html


# Two sites behind one Varnish.

SECOND_HOST = "second.example"


@pytest.fixture
def second_site(site_pages):  # noqa: F811
    root = site_pages.get_parent()
    home = HomePage(title="Second", slug="second-home", hero_heading="Second site")
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.create(hostname=SECOND_HOST, port=80, root_page=home)
    with override_settings(ALLOWED_HOSTS=[SITE_HOST, SECOND_HOST]):
        yield site


def cached_twice(url, host=SITE_HOST):
    """The page at `url`, asked for twice so that the second answer is cached."""
    get(url, host=host)
    status, headers, html = get(url, host=host)
    assert headers["X-Cache"] == "HIT", url
    return html


def test_two_sites_on_one_varnish_keep_their_own_pages(
    varnish,  # noqa: F811
    site_pages,  # noqa: F811
    second_site,
):
    assert "Version one" in cached_twice(varnish + "/")
    second = get(varnish + "/", host=SECOND_HOST)
    assert "Second site" in second[2] and "Version one" not in second[2]
    assert get(varnish + "/", host=SECOND_HOST)[1]["X-Cache"] == "HIT"
    # Hosts are case-insensitive and a port does not make another site.
    assert get(varnish + "/", host="LocalHost:80")[1]["X-Cache"] == "HIT"

    site_pages.hero_heading = "Version two"
    site_pages.save_revision().publish()

    assert "Version two" in get(varnish + "/")[2]
    status, headers, html = get(varnish + "/", host=SECOND_HOST)
    assert headers["X-Cache"] == "HIT" and "Second site" in html


def test_a_sites_settings_clear_only_that_sites_pages(
    varnish,  # noqa: F811
    site_pages,  # noqa: F811
    second_site,
):
    cached_twice(varnish + "/")
    cached_twice(varnish + "/", host=SECOND_HOST)
    center = CenterSettings.for_site(Site.objects.get(hostname=SITE_HOST))
    center.admissions_phone = "617.555.0134"
    center.save()

    assert "617.555.0134" in get(varnish + "/")[2]
    status, headers, html = get(varnish + "/", host=SECOND_HOST)
    assert headers["X-Cache"] == "HIT" and "617.555.0134" not in html


def test_saving_settings_no_page_shows_leaves_pages_cached(varnish, site_pages):  # noqa: F811
    inquiries = InquirySettings.for_site(Site.objects.get())
    cached_twice(varnish + "/")
    inquiries.notification_emails = "admissions@example.org"
    inquiries.save()
    assert get(varnish + "/")[1]["X-Cache"] == "HIT"


# Articles: a change shows at once wherever the article is listed.

NEW = "Fentanyl test strips save lives"


@pytest.fixture
def articles(site_pages):  # noqa: F811
    """An article index (two per page), a program, and three older articles
    filed under Heroin; the oldest is tagged "family"."""
    index = ArticleIndexPage(title="Articles", slug="articles", articles_per_page=2)
    site_pages.add_child(instance=index)
    index.save_revision().publish()
    substances = ArticleCategory.objects.create(name="Substances", slug="substances")
    heroin = ArticleCategory.objects.create(
        name="Heroin", slug="heroin", parent=substances
    )
    program = make_service(make_service_index(site_pages), "Heroin rehab")
    make_article(index, title="Oldest article", categories=[heroin], tags=["family"])
    make_article(index, title="Pushed to page two", categories=[heroin])
    sibling = make_article(index, title="Sibling article", categories=[heroin])
    # Leave the related list automatic: the newest articles in the category.
    assert not sibling.related_links.exists()
    return {"index": index, "heroin": heroin, "program": program, "sibling": sibling}


def publish_new_article(articles):
    return make_article(
        articles["index"],
        title=NEW,
        categories=[articles["heroin"]],
        tags=["family"],
        body=[
            (
                "rich_text",
                f'<p>Ask about <a linktype="page" id="{articles["program"].pk}">'
                "heroin rehab</a>.</p>",
            )
        ],
    )


def listing_addresses(articles):
    """Every address that lists the new article (the second page of the list
    shows the article it pushed off the first)."""
    return {
        "/articles/": NEW,
        "/articles/?page=2": "Pushed to page two",
        "/articles/category/heroin/": NEW,
        "/articles/category/substances/": NEW,
        "/articles/tag/family/": NEW,
        "/articles/feed/": NEW,
        "/articles/feed/atom/": NEW,
        articles["sibling"].url: NEW,  # its automatic related list
        articles["program"].url: NEW,  # articles linking to the program
    }


def test_the_article_index_names_the_addresses_that_list_its_articles(articles):
    # Wagtail's own purge of a published index reaches each of them.
    publish_new_article(articles)
    ArticleCategory.objects.create(name="Alcohol", slug="alcohol")
    assert set(articles["index"].get_cached_paths()) == {
        "/",
        "feed/",
        "feed/atom/",
        "category/substances/",
        "category/heroin/",
        "category/alcohol/",
        "tag/family/",
    }


def test_a_new_article_shows_at_once_wherever_it_is_listed(varnish, articles):  # noqa: F811
    addresses = listing_addresses(articles)
    for address, text in addresses.items():
        assert text not in cached_twice(varnish + address), address

    publish_new_article(articles)

    stale = [a for a, text in addresses.items() if text not in get(varnish + a)[2]]
    assert not stale, f"still without the new article: {stale}"


@pytest.mark.parametrize("withdraw", ["unpublish", "delete"])
def test_a_withdrawn_article_disappears_from_every_list(varnish, articles, withdraw):  # noqa: F811
    article = publish_new_article(articles)
    addresses = listing_addresses(articles)
    for address, text in addresses.items():
        assert text in cached_twice(varnish + address), address
    assert get(varnish + article.url)[0] == 200

    getattr(article.specific, withdraw)()

    assert get(varnish + article.url)[0] == 404
    shown = [a for a, text in addresses.items() if text in get(varnish + a)[2]]
    assert not shown, f"still showing the article: {shown}"


def test_a_moved_article_leaves_its_old_address_and_the_rest_of_the_site_cached(
    varnish,  # noqa: F811
    articles,
    site_pages,  # noqa: F811
):
    news = ArticleIndexPage(title="News", slug="news")
    site_pages.add_child(instance=news)
    news.save_revision().publish()
    make_standard_page(site_pages, "About us", slug="about")
    article = publish_new_article(articles)
    old_address = article.url
    assert NEW in cached_twice(varnish + old_address)
    assert NEW in cached_twice(varnish + "/articles/")
    assert NEW not in cached_twice(varnish + "/news/")
    cached_twice(varnish + "/about/")

    article.move(news, pos="last-child")

    status, headers, html = get(varnish + old_address)
    assert status != 200 and NEW not in html
    assert NEW not in get(varnish + "/articles/")[2]
    assert NEW in get(varnish + "/news/")[2]
    # A page that does not show the article stays cached.
    assert get(varnish + "/about/")[1]["X-Cache"] == "HIT"


def test_saving_a_draft_keeps_the_published_page_cached(varnish, articles):  # noqa: F811
    article = publish_new_article(articles)
    assert NEW in cached_twice(varnish + article.url)
    cached_twice(varnish + "/articles/")

    article.title = "A draft title"
    article.save_revision()

    status, headers, html = get(varnish + article.url)
    assert headers["X-Cache"] == "HIT" and NEW in html
    assert get(varnish + "/articles/")[1]["X-Cache"] == "HIT"


def test_an_article_made_private_is_no_longer_served_to_visitors(varnish, articles):  # noqa: F811
    article = publish_new_article(articles)
    assert NEW in cached_twice(varnish + article.url)
    assert NEW in cached_twice(varnish + "/articles/")

    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.LOGIN
    )

    status, headers, html = get(varnish + article.url)
    assert status == 302 and "/login/" in headers["Location"]
    assert NEW not in get(varnish + "/articles/")[2]


def test_a_visitor_during_the_publish_does_not_keep_the_old_list_cached(
    varnish,  # noqa: F811
    articles,
):
    if connection.vendor == "sqlite":
        # The live server shares the test's connection there; CI runs this
        # on PostgreSQL.
        pytest.skip("SQLite's live server shares the test's connection")
    cached_twice(varnish + "/articles/")
    with transaction.atomic():
        article = publish_new_article(articles)
        # The live server's connection does not see the article until commit.
        assert NEW not in get(varnish + "/articles/")[2]
        assert get(varnish + article.url)[0] == 404

    assert NEW in get(varnish + "/articles/")[2]
    assert get(varnish + article.url)[0] == 200


@pytest.mark.fault("outage")
def test_an_unreachable_front_cache_never_stops_a_publish(
    site_pages,  # noqa: F811
    settings,
    caplog,
):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{free_port()}",
        }
    }
    index = ArticleIndexPage(title="Articles", slug="articles")
    site_pages.add_child(instance=index)
    with caplog.at_level(logging.ERROR):
        index.save_revision().publish()
        make_article(index, title=NEW)
    assert ArticleIndexPage.objects.get().live
    assert any(record.levelno == logging.ERROR for record in caplog.records)


def newer_heroin_articles(articles, count=4):
    """Articles published after the fixture's, in the same category: enough to
    push the older ones out of every automatic related list."""
    return [
        make_article(
            articles["index"],
            title=f"Newer heroin article {n}",
            categories=[articles["heroin"]],
        )
        for n in range(count)
    ]


def test_an_edit_to_an_older_article_leaves_the_other_articles_cached(
    varnish,  # noqa: F811
    articles,
):
    # An editor fixes a typo in an article nobody else's related list shows: the
    # thousands of other articles must not all be rendered again.
    newer = newer_heroin_articles(articles)
    oldest = ArticlePage.objects.get(title="Oldest article")
    for article in newer:
        assert "Oldest article" not in cached_twice(varnish + article.url)
    cached_twice(varnish + oldest.url)

    oldest.summary = "Corrected summary."
    oldest.save_revision().publish()

    assert "Corrected summary." in get(varnish + oldest.url)[2]
    for article in newer:
        assert get(varnish + article.url)[1]["X-Cache"] == "HIT", article.url


def test_the_newest_article_taken_out_of_its_category_leaves_its_related_lists(
    varnish,  # noqa: F811
    articles,
):
    # The newest heroin article shows in every heroin article's automatic list;
    # taken out of the category, it must leave them at once.
    *_, newest = newer_heroin_articles(articles)
    sibling = articles["sibling"]
    assert newest.title in cached_twice(varnish + sibling.url)

    newest.categories.set([])
    newest.save_revision().publish()

    assert newest.title not in get(varnish + sibling.url)[2]


def test_a_new_release_drops_every_sites_cached_pages(
    varnish,  # noqa: F811
    site_pages,  # noqa: F811
    second_site,
):
    # Pages made by the old release's templates: no content change retires them.
    cached_twice(varnish + "/")
    cached_twice(varnish + "/", host=SECOND_HOST)
    call_command("clear_front_cache", stdout=io.StringIO())
    assert get(varnish + "/")[1]["X-Cache"] == "MISS"
    assert get(varnish + "/", host=SECOND_HOST)[1]["X-Cache"] == "MISS"


def test_editing_the_accepted_insurers_clears_the_pages_that_list_them(
    varnish,  # noqa: F811
    site_pages,  # noqa: F811
):
    from insurance.models import Insurer

    aetna = Insurer.objects.create(name="Aetna")
    make_standard_page(
        site_pages,
        "Insurance",
        body=[("insurers", {"heading": "Insurance we accept", "note": ""})],
    )
    get(varnish + "/insurance/")
    assert get(varnish + "/insurance/")[1]["X-Cache"] == "HIT"
    aetna.name = "Aetna Better Health"
    aetna.save()
    status, headers, html = get(varnish + "/insurance/")
    assert "<li>Aetna Better Health</li>" in html
    Insurer.objects.create(name="Cigna")
    assert "<li>Cigna</li>" in get(varnish + "/insurance/")[2]
    aetna.delete()
    assert "Aetna" not in get(varnish + "/insurance/")[2]


def test_the_verification_page_appearing_or_going_changes_every_header(
    varnish,  # noqa: F811
    site_pages,  # noqa: F811
):
    from insurance.models import VerifyInsurancePage

    about = make_standard_page(site_pages, "About us")
    get(varnish + about.url)
    assert "header-cta" not in get(varnish + about.url)[2]
    verify = VerifyInsurancePage(title="Verify your insurance", slug="verify")
    site_pages.add_child(instance=verify)
    verify.save_revision().publish()
    assert 'class="header-cta" href="/verify/' in get(varnish + about.url)[2]
    verify.unpublish()
    assert "header-cta" not in get(varnish + about.url)[2]


def test_the_verification_steps_are_never_cached(varnish, site_pages):  # noqa: F811
    """Each step carries its own tokens and the family's answers."""
    from insurance.models import VerifyInsurancePage

    verify = VerifyInsurancePage(title="Verify your insurance", slug="verify")
    site_pages.add_child(instance=verify)
    verify.save_revision().publish()
    for _ in range(2):
        status, headers, html = get(varnish + "/verify/")
        assert status == 200 and 'name="csrfmiddlewaretoken"' in html
        assert headers["X-Cache"] == "MISS"
    assert get(varnish + "/verify/thank-you/")[1]["X-Cache"] == "MISS"
