"""Publishing an article that several centers carry clears it from the front
cache on every center's host (a real Varnish, deploy/varnish/default.vcl)."""

from articles.models import ArticleIndexPage, ArticlePage
from tests.articles.conftest import make_article
from tests.conftest import COHASSET_HOST, add_center
from tests.varnish import get, site_pages, varnish, varnishd  # noqa: F401


def cached(url, host):
    get(url, host=host)
    status, headers, html = get(url, host=host)
    assert status == 200 and headers["X-Cache"] == "HIT", (url, host)
    return html


def test_a_publish_clears_the_article_and_its_lists_on_every_host(
    varnish,  # noqa: F811
    site_pages,  # noqa: F811
):
    waltham_index = ArticleIndexPage(title="Articles", slug="articles")
    site_pages.add_child(instance=waltham_index)
    waltham_index.save_revision().publish()
    cohasset = add_center(
        "Evoke Wellness at Cohasset", COHASSET_HOST, "+18669316429", "cohasset"
    )
    cohasset_index = ArticleIndexPage(title="Articles", slug="articles")
    cohasset.root_page.add_child(instance=cohasset_index)
    cohasset_index.save_revision().publish()
    article = make_article(waltham_index, title="Version one", slug="shared")
    article.also_shown_at.set([cohasset])
    article.save_revision().publish()

    hosts = ("localhost", COHASSET_HOST)
    for host in hosts:
        for path in ("/articles/shared/", "/articles/"):
            assert "Version one" in cached(varnish + path, host)

    article = ArticlePage.objects.get(pk=article.pk)
    article.title = "Version two"
    article.save_revision().publish()

    for host in hosts:
        for path in ("/articles/shared/", "/articles/"):
            status, headers, html = get(varnish + path, host=host)
            assert "Version two" in html, (host, path)
