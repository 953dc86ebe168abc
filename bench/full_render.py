"""A full render of each page type, in-process, with nothing cached.

    .venv/bin/python bench/full_render.py [--runs 30] [--profile N]

Run with the production settings and the database run.py builds (it calls this
with its private Redis): every cache is emptied before each render, so the
content generation starts afresh and nothing kept is found in Redis or in the
process's memory. The time is Django's test client from request to response
(no HTTP, no gunicorn), median and 90th percentile of `--runs`, with the process's
CPU time and the SQL queries of one render. `--profile N` adds the N functions
that cost the article most (cProfile, cumulative, the project's and Wagtail's
own code), the profile the issue notes report before and after a change.

Prints JSON for run.py, or a table with `--table`.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from measure_pages import page_types, site_host  # noqa: E402


def empty_caches():
    for alias in settings.CACHES:
        caches[alias].clear()


def measure(client, url, runs):
    for _ in range(3):  # renditions made and code paths warmed once
        empty_caches()
        client.get(url)
    wall, cpu = [], []
    for _ in range(runs):
        empty_caches()
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    empty_caches()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    wall.sort()
    return {
        "url": url,
        "status": response.status_code,
        "p50_ms": round(statistics.median(wall), 1),
        "p90_ms": round(wall[int(len(wall) * 0.9) - 1], 1),
        "cpu_p50_ms": round(statistics.median(cpu), 1),
        "queries": len(queries),
    }


def profile(client, url, top):
    profiler = cProfile.Profile()
    for _ in range(10):
        empty_caches()
        profiler.enable()
        client.get(url)
        profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    rows = []
    for (filename, line, name), (_, _, _, cumulative, _) in stats.stats.items():
        own = filename.startswith(root) and "/.venv/" not in filename
        if own or "/wagtail/" in filename:
            where = filename.split("site-packages/")[-1].replace(root + "/", "")
            rows.append((cumulative / 10 * 1000, f"{where}:{line} {name}"))
    rows.sort(reverse=True)
    # The outermost frames (middleware) say nothing; skip those costing it all.
    total = rows[0][0] if rows else 0
    return [
        {"ms": round(ms, 1), "function": where}
        for ms, where in rows
        if ms < total * 0.95
    ][:top]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    parser.add_argument("--table", action="store_true")
    args = parser.parse_args()
    client = Client(HTTP_HOST=site_host())
    results = {
        name: measure(client, url, args.runs)
        for name, url in page_types().items()
        if url
    }
    article = page_types()["article"]
    top = profile(client, article, args.profile) if args.profile else []
    if not args.table:
        print(json.dumps({"pages": results, "profile": top}))
        return
    print(f"{'page':16} {'p50 ms':>7} {'p90 ms':>7} {'cpu ms':>7} {'queries':>7}")
    for name, row in results.items():
        print(
            f"{name:16} {row['p50_ms']:7.1f} {row['p90_ms']:7.1f} "
            f"{row['cpu_p50_ms']:7.1f} {row['queries']:7d}"
        )
    if top:
        print("\nThe article's costliest functions (cumulative, per render):")
        for row in top:
            print(f"{row['ms']:7.1f} ms  {row['function']}")


if __name__ == "__main__":
    main()
