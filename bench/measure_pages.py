"""Per page type: its URL, SQL queries for one render, and HTML size (raw, gzip).

Prints JSON for run.py: the Host visitors send (the default site's), the page
types, and the paths of the bulk articles (the long tail a crawler walks). Runs in-process with the production settings
the server uses, through Django's test client (the query count is the
server's). Queries are counted twice: for a full render, every cache emptied
first (the benchmark's own Redis database), and for a view with the
application's caches warm.
"""

import gzip
import json
import os
import sys

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from wagtail.models import Page, Site  # noqa: E402

from articles.models import ArticlePage  # noqa: E402


def path_of(page):
    """The page's path on its own site: with several sites (bench/centers.py)
    `page.url` names the site too."""
    return page.get_url_parts()[2]


def first_url(model_label):
    """The path of the first center's first page of this type."""
    app_label, model = model_label.split(".")
    page = (
        Page.objects.live()
        .filter(content_type__app_label=app_label, content_type__model=model)
        .exclude(slug__startswith="bench-")
        .order_by("path")
        .first()
    )
    return path_of(page) if page else None


def page_types():
    return {
        "home": "/",
        "article": "/articles/how-heroin-can-lead-to-depression/",
        "article index": first_url("articles.articleindexpage"),
        "service": first_url("services.servicepage"),
        "search results": "/search/?q=depression",
        "contact GET": first_url("contact.contactpage"),
        "insurance GET": first_url("insurance.verifyinsurancepage"),
    }


def clear_caches():
    """Empty every cache: the content generation starts afresh, so nothing
    kept in this process (keyed by it) is found either."""
    for alias in settings.CACHES:
        caches[alias].clear()


def site_host():
    """The Host visitors send: the default site's, as Wagtail purges with it."""
    site = Site.objects.get(is_default_site=True)
    if site.port in (80, 443):
        return site.hostname
    return f"{site.hostname}:{site.port}"


def main():
    host = site_host()
    client = Client(HTTP_HOST=host)
    results = {}
    for name, url in page_types().items():
        if not url:
            results[name] = {"url": None}
            continue
        clear_caches()
        with CaptureQueriesContext(connection) as cold:
            client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        html = response.content
        results[name] = {
            "url": url,
            "status": response.status_code,
            "queries": len(queries),
            "full_render_queries": len(cold),
            "bytes": len(html),
            "gzip_bytes": len(gzip.compress(html, compresslevel=6)),
        }
    # The articles themselves; with several centers, not their aliases.
    articles = [
        path_of(page)
        for page in Page.objects.live()
        .type(ArticlePage)
        .filter(slug__startswith="bench-", alias_of=None)
        .order_by("path")
    ]
    print(
        json.dumps(
            {
                "host": host,
                "sites": Site.objects.count(),
                "pages": results,
                "articles": articles,
            }
        )
    )


if __name__ == "__main__":
    main()
