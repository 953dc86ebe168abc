"""Per page type: its URL, SQL queries for one render, and HTML size (raw, gzip).

Prints JSON for run.py. Runs in-process with the production settings the
server uses, through Django's test client (the query count is the server's).
"""

import gzip
import json
import os
import sys

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from wagtail.models import Page  # noqa: E402


def first_url(model_label):
    app_label, model = model_label.split(".")
    page = (
        Page.objects.live()
        .filter(content_type__app_label=app_label, content_type__model=model)
        .exclude(slug__startswith="bench-")
        .order_by("path")
        .first()
    )
    return page.url if page else None


def page_types():
    return {
        "home": "/",
        "article": "/articles/how-heroin-can-lead-to-depression/",
        "article index": first_url("articles.articleindexpage"),
        "service": first_url("services.servicepage"),
        "search results": "/search/?q=depression",
        "contact GET": first_url("contact.contactpage"),
    }


def main():
    client = Client(HTTP_HOST="localhost")
    results = {}
    for name, url in page_types().items():
        if not url:
            results[name] = {"url": None}
            continue
        client.get(url)  # warm caches a live server would have warm
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        html = response.content
        results[name] = {
            "url": url,
            "status": response.status_code,
            "queries": len(queries),
            "bytes": len(html),
            "gzip_bytes": len(gzip.compress(html, compresslevel=6)),
        }
    print(json.dumps(results))


if __name__ == "__main__":
    main()
