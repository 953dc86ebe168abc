"""Bulk articles for the benchmark: copies of the seed article under the index.

Run through run.py (which sets up Django); idempotent by count.

Each batch is added to the search index in one go: indexing article by article
(as publishing does) makes Wagtail's PostgreSQL backend recompute the average
title length over the whole index on every save, which at 10,000 articles
turns the build from minutes into most of an hour.
"""

import os
import sys
from datetime import timedelta

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models.signals import post_save  # noqa: E402
from django.utils import timezone  # noqa: E402

from wagtail.search.backends import get_search_backend  # noqa: E402
from wagtail.search.signal_handlers import post_save_signal_handler  # noqa: E402

from articles.models import ArticleIndexPage, ArticlePage  # noqa: E402
from site_search import vectors  # noqa: E402

TOPICS = [
    "opioid withdrawal",
    "alcohol and anxiety",
    "family support",
    "relapse prevention",
    "sleep in early recovery",
    "dual diagnosis",
    "trauma and addiction",
    "medication-assisted treatment",
]


def main(total):
    # The first center's: other centers show it, and the bulk articles, as
    # aliases of the same slug (the demo's second center; bench/centers.py).
    seed = ArticlePage.objects.get(
        slug="how-heroin-can-lead-to-depression", alias_of=None
    )
    index = ArticleIndexPage.objects.first()
    existing = ArticlePage.objects.filter(
        slug__startswith="bench-", alias_of=None
    ).count()
    categories = list(seed.categories.all())
    now = timezone.now()
    post_save.disconnect(post_save_signal_handler, sender=ArticlePage)
    post_save.disconnect(vectors.on_page_saved, sender=ArticlePage)
    search_backend = get_search_backend()
    for start in range(existing, total, 200):
        batch = []
        with transaction.atomic():
            for i in range(start, min(start + 200, total)):
                topic = TOPICS[i % len(TOPICS)]
                article = ArticlePage(
                    title=f"Understanding {topic} ({i + 1})",
                    slug=f"bench-{i + 1}",
                    summary=f"What to know about {topic}, and where to find help.",
                    hero_image=seed.hero_image,
                    body=seed.body.raw_data,
                    author=seed.author,
                    medical_reviewer=seed.medical_reviewer,
                    last_reviewed=seed.last_reviewed,
                    # Dated like published articles (one an hour, before the
                    # seed), so listings and "newest first" lookups see real
                    # dates rather than thousands of empty ones.
                    first_published_at=now - timedelta(hours=i + 1),
                    last_published_at=now - timedelta(hours=i + 1),
                )
                index.add_child(instance=article)
                article.categories.set(categories)
                article.save()
                batch.append(article)
            search_backend.add_bulk(ArticlePage, batch)
            vectors.write_vectors(batch)
        print(f"  {min(start + 200, total)} / {total} bulk articles", flush=True)
    # Until the new rows are analyzed the planner takes the page table for
    # nearly empty, and every article list reads and sorts all articles to
    # show ten. Production's autovacuum analyzes after a load like this; a
    # server with it off (as here) never would.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


if __name__ == "__main__":
    main(int(sys.argv[1]))
