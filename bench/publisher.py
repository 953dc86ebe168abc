"""Publish one bulk article every EVERY seconds for SECONDS, as an editor would.

    python bench/publisher.py SECONDS EVERY

Run by run.py with the server's environment (production settings, the same
database and Redis, FRONTEND_CACHE_URL pointing at Varnish), so a publish is
the real thing: a new revision published through Wagtail, its signals bumping
the content generation and purging the page and the pages listing it from
Varnish. Prints "ready" once set up, starts on a line read from stdin, and
ends by printing one JSON line: each publish's path, when it began (seconds
into the run), how long publishing took (the purges included) and the URLs
Wagtail purged.
"""

import json
import logging
import os
import random
import sys
import time

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
django.setup()

from articles.models import ArticlePage  # noqa: E402


class Purges(logging.Handler):
    """The URLs Wagtail asks the front cache to purge (it logs each one)."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.urls = []

    def emit(self, record):
        message = record.getMessage()
        if "Purging URL: " in message:
            self.urls.append(message.split("Purging URL: ", 1)[1])


def main(seconds, every):
    purges = Purges()
    frontend_cache = logging.getLogger("wagtail.frontendcache")
    frontend_cache.addHandler(purges)
    frontend_cache.setLevel(logging.INFO)
    errors = logging.StreamHandler()  # a purge that failed, on stderr
    errors.setLevel(logging.WARNING)
    frontend_cache.addHandler(errors)
    frontend_cache.propagate = False
    # The articles, not the aliases other centers show (bench/centers.py):
    # an editor publishes an article, and Wagtail updates its aliases.
    pks = list(
        ArticlePage.objects.live()
        .filter(slug__startswith="bench-", alias_of=None)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    chosen = random.Random(0)
    print("ready", flush=True)
    sys.stdin.readline()
    start = time.monotonic()
    publishes = []
    at = every / 2  # one every EVERY seconds, the first half a period in
    while at < seconds:
        time.sleep(max(0.0, start + at - time.monotonic()))
        page = ArticlePage.objects.get(pk=chosen.choice(pks))
        page.summary = (
            page.summary.split(" (edit ")[0] + f" (edit {len(publishes) + 1})"
        )
        purges.urls.clear()
        began_at = time.monotonic() - start
        began = time.perf_counter()
        revision = page.save_revision()
        revision.publish()
        publishes.append(
            {
                "path": page.url,
                "at_s": round(began_at, 2),
                "ms": round(1000 * (time.perf_counter() - began), 1),
                "purged": list(purges.urls),
            }
        )
        at += every
    time.sleep(max(0.0, start + seconds - time.monotonic()))
    print(json.dumps(publishes), flush=True)


if __name__ == "__main__":
    main(float(sys.argv[1]), float(sys.argv[2]))
