"""What remembering sites and routes (core/page_routes.py) saves a warm page view.

    .venv/bin/python bench/remembered_routes.py [VIEWS]

Run after `make bench`, on its database (evoke_bench_1000) and the Redis on
127.0.0.1:6379, with production settings, in one process. Each page is viewed
once to warm the kept parts, then VIEWS times with the remembered site and route
and VIEWS times with Wagtail finding them itself, alternating in rounds so that
both meet the same machine. Prints queries and the median and p95 time of a view
for each. The patch hands Wagtail private request attributes, which
core/page_routes.py says are worth it only as long as this shows it.
"""

import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "evoke_site.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "DATABASE_URL": os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/evoke_bench_1000"
        ),
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "ALLOWED_HOSTS": "localhost",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
        "STATIC_ROOT": tempfile.mkdtemp(prefix="evoke-routes-static-"),
    }
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from core import page_routes  # noqa: E402

PAGES = ["/", "/articles/how-heroin-can-lead-to-depression/", "/treatment-programs/"]


def view(client, path):
    started = time.perf_counter()
    response = client.get(path, HTTP_HOST="localhost")
    assert response.status_code == 200, (path, response.status_code)
    return (time.perf_counter() - started) * 1000


def main(views):
    call_command("collectstatic", "--noinput", verbosity=0)
    client = Client()
    remembered = page_routes.remember_site, page_routes.remember_route
    plain = (lambda request: None), (lambda request, path: None)
    times = {"remembered": {p: [] for p in PAGES}, "plain": {p: [] for p in PAGES}}
    queries = {}
    for name, (site, route) in (("remembered", remembered), ("plain", plain)):
        page_routes.remember_site, page_routes.remember_route = site, route
        for path in PAGES:
            view(client, path)
            with CaptureQueriesContext(connection) as captured:
                view(client, path)
            queries[name, path] = len(captured)
    for _ in range(views // 10):
        for name, (site, route) in (("remembered", remembered), ("plain", plain)):
            page_routes.remember_site, page_routes.remember_route = site, route
            for path in PAGES:
                times[name][path] += [view(client, path) for _ in range(10)]
    print(f"{'page':<48} {'':<11} {'queries':>7} {'median ms':>9} {'p95 ms':>7}")
    for path in PAGES:
        for name in ("remembered", "plain"):
            taken = sorted(times[name][path])
            p95 = taken[int(len(taken) * 0.95) - 1]
            print(
                f"{path:<48} {name:<11} {queries[name, path]:>7} "
                f"{statistics.median(taken):>9.2f} {p95:>7.2f}"
            )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
