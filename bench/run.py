"""Benchmark the production shape on this machine and print the figures.

    .venv/bin/python bench/run.py [--articles 1000|10000] [--seconds 5]

Loads the demo content plus bulk articles into a fresh PostgreSQL database,
starts gunicorn with production settings, Varnish in front of it (our VCL) and
uses the Redis on 127.0.0.1:6379; nginx serves a static HTML file of the
article's size as the ceiling. wrk drives the load. Needs: PostgreSQL and Redis
running, and Debian's varnish, nginx-light and wrk (`apt-get install varnish
nginx-light wrk`). Prints one table per page type. Every request accepts gzip,
as browsers do; the ceiling's file is stored compressed too (gzip_static).
"""

import argparse
import contextlib
import gzip
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
PYTHON = sys.executable
CONCURRENCY = [1, 8, 32]
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/14")
# Words visitors search the articles for; most bulk articles contain several.
SEARCH_WORDS = [
    "depression",
    "heroin",
    "anxiety",
    "withdrawal",
    "detox",
    "therapy",
    "family",
    "relapse",
    "recovery",
    "treatment",
    "opioid",
    "insurance",
    "trauma",
    "emdr",
    "mindfulness",
    "group",
    "holistic",
    "cognitive",
    "behavioral",
    "dual",
    "diagnosis",
    "brain",
    "dopamine",
    "sleep",
    "stress",
    "support",
    "craving",
    "overdose",
    "naloxone",
    "medication",
    "counseling",
    "outpatient",
    "residential",
    "alcohol",
    "grief",
    "shame",
    "hope",
    "symptoms",
    "mood",
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            urllib.request.urlopen(url, timeout=2)  # noqa: S310
            return
        time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {seconds}s")


def run(cmd, env, **kwargs):
    return subprocess.run(cmd, cwd=ROOT, env=env, check=True, **kwargs)


class MemorySampler(threading.Thread):
    """Peak resident memory of a process tree (gunicorn master and workers)."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak, self.running = pid, 0, True

    def tree(self):
        pids, queue = [], [self.pid]
        while queue:
            pid = queue.pop()
            pids.append(pid)
            with contextlib.suppress(OSError):
                children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
                queue.extend(int(child) for child in children)
        return pids

    def rss_kb(self):
        total = 0
        for pid in self.tree():
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        return total

    def run(self):
        while self.running:
            self.peak = max(self.peak, self.rss_kb())
            time.sleep(0.2)


def wrk(url, connections, seconds, post_body=None, cookie=None, search_words=None):
    env = {
        **os.environ,
        "WRK_POST_BODY": post_body or "",
        "WRK_COOKIE": cookie or "",
        "WRK_SEARCH_WORDS": " ".join(search_words or []),
    }
    out = subprocess.run(
        [
            "wrk",
            f"-t{min(connections, 2)}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(BENCH / "latency.lua"),
            url,
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    for program in ("varnishd", "nginx", "wrk"):
        if not shutil.which(program) and not Path(f"/usr/sbin/{program}").exists():
            raise SystemExit(
                f"{program} is needed: apt-get install varnish nginx-light wrk"
            )

    work = Path(tempfile.mkdtemp(prefix="evoke-bench-"))
    work.chmod(0o755)  # nginx workers run as an unprivileged user
    dbname = f"evoke_bench_{args.articles}"
    app_port, cache_port, static_port = free_port(), free_port(), free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "evoke_site.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"{PG}/{dbname}",
        "REDIS_URL": REDIS,
        "ALLOWED_HOSTS": "localhost,127.0.0.1,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
        "LOG_LEVEL": "WARNING",
        # Every wrk request comes from one address; measure the form, not the 429.
        "INQUIRY_RATE_LIMIT_POSTS": "1000000000",
    }
    processes = []
    try:
        print(f"== database {dbname} with demo content and {args.articles} articles")
        admin_url = PG + "/postgres"
        run(["psql", admin_url, "-qc", f"DROP DATABASE IF EXISTS {dbname}"], env)
        run(["psql", admin_url, "-qc", f"CREATE DATABASE {dbname}"], env)
        run([PYTHON, "manage.py", "migrate", "-v0", "--noinput"], env)
        run([PYTHON, "manage.py", "load_demo_content"], env, stdout=subprocess.DEVNULL)
        run([PYTHON, str(BENCH / "generate_articles.py"), str(args.articles)], env)
        run([PYTHON, "manage.py", "collectstatic", "-v0", "--noinput"], env)
        pages = json.loads(
            run(
                [PYTHON, str(BENCH / "measure_pages.py")],
                env,
                capture_output=True,
                text=True,
            ).stdout
        )

        print(f"== gunicorn ({args.workers} workers), varnish, nginx")
        # Purging only once Varnish runs; loading content needs none.
        env["FRONTEND_CACHE_URL"] = f"http://127.0.0.1:{cache_port}"
        gunicorn = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "evoke_site.wsgi:application",
                "--bind",
                f"127.0.0.1:{app_port}",
                "--workers",
                str(args.workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        processes.append(gunicorn)
        vcl = (ROOT / "deploy/varnish/default.vcl").read_text()
        vcl = vcl.replace('"web"', '"127.0.0.1"').replace('"8000"', f'"{app_port}"')
        (work / "site.vcl").write_text(vcl)
        processes.append(
            subprocess.Popen(
                [
                    "varnishd",
                    "-F",
                    "-j",
                    "none",
                    "-n",
                    str(work / "varnish"),
                    "-a",
                    f"127.0.0.1:{cache_port}",
                    "-f",
                    str(work / "site.vcl"),
                    "-s",
                    "malloc,256m",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        wait_for(f"http://127.0.0.1:{app_port}/healthz")
        with urllib.request.urlopen(  # noqa: S310
            f"http://127.0.0.1:{app_port}{pages['article']['url']}"
        ) as response:
            article_html = response.read()
        (work / "www").mkdir()
        (work / "www" / "article.html").write_bytes(article_html)
        # Compressed ahead, as a static site would ship it: nginx then sends the
        # same bytes Varnish sends from its gzipped copy.
        (work / "www" / "article.html.gz").write_bytes(gzip.compress(article_html))
        (work / "nginx.conf").write_text(
            f"worker_processes 2; pid {work}/nginx.pid; error_log {work}/nginx.err;\n"
            "events { worker_connections 1024; }\n"
            f"http {{ access_log off; server {{ listen 127.0.0.1:{static_port}; "
            f"root {work}/www; gzip_static on; }} }}\n"
        )
        processes.append(
            subprocess.Popen(
                ["nginx", "-c", str(work / "nginx.conf"), "-g", "daemon off;"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        wait_for(f"http://127.0.0.1:{cache_port}/healthz")
        wait_for(f"http://127.0.0.1:{static_port}/article.html")

        sampler = MemorySampler(gunicorn.pid)
        sampler.start()
        token = secrets.token_hex(16)
        results = {}
        targets = [
            (name, info["url"]) for name, info in pages.items() if info.get("url")
        ]
        contact_url = pages.get("contact GET", {}).get("url")
        if contact_url:
            targets.append(("contact POST", contact_url))
        # Two words drawn at random per request, so nearly every search is one
        # not asked before: nothing kept, every answer ranked.
        targets.append(("search new words", "/search/"))
        for name, url in targets:
            post = None
            cookie = None
            if name == "contact POST":
                # An incomplete form: validated and re-rendered with its errors,
                # nothing stored (a full submission is rate limited per client).
                post = f"csrfmiddlewaretoken={token}&name=Bench&message=Hello"
                cookie = f"csrftoken={token}"
            for label, port in (("warm", cache_port), ("cold", app_port)):
                if name in ("contact POST", "search new words") and label == "warm":
                    continue  # passed through the front cache: the same as cold
                for connections in CONCURRENCY:
                    figures = wrk(
                        f"http://127.0.0.1:{port}{url}",
                        connections,
                        args.seconds,
                        post_body=post,
                        cookie=cookie,
                        search_words=SEARCH_WORDS
                        if name == "search new words"
                        else None,
                    )
                    results[(name, label, connections)] = figures
        for connections in CONCURRENCY:
            results[("static ceiling", "nginx", connections)] = wrk(
                f"http://127.0.0.1:{static_port}/article.html",
                connections,
                args.seconds,
            )
        sampler.running = False
        report(pages, results, sampler.peak, args)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


def report(pages, results, peak_kb, args):
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown CPU",
    )
    print()
    print(
        f"Machine: {os.cpu_count()} cores, {cpu}; {args.articles} bulk articles; "
        f"gunicorn {args.workers} sync workers; wrk {args.seconds}s per cell"
    )
    print(f"Peak gunicorn memory (master + workers): {peak_kb / 1024:.0f} MiB")
    print()
    header = f"{'page':<16} {'path':<6} {'c':>3} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>6}"
    sizes = f"{'page':<16} {'queries':>7} {'HTML bytes':>10} {'gzip bytes':>10}"
    print(sizes)
    for name, info in pages.items():
        if info.get("url"):
            print(
                f"{name:<16} {info['queries']:>7} {info['bytes']:>10} {info['gzip_bytes']:>10}"
            )
        else:
            print(f"{name:<16} (no such page in this build)")
    print()
    print(header)
    for (name, label, connections), figures in results.items():
        print(
            f"{name:<16} {label:<6} {connections:>3} {figures['rps']:>9.1f} "
            f"{figures['p50_ms']:>8.2f} {figures['p95_ms']:>8.2f} {figures['p99_ms']:>8.2f} "
            f"{figures['errors'] + figures['non_2xx']:>6}"
        )
    ceiling = max(results[("static ceiling", "nginx", c)]["rps"] for c in CONCURRENCY)
    warm = max(results[("article", "warm", c)]["rps"] for c in CONCURRENCY)
    print()
    print(
        f"Warm article vs static ceiling: {warm:.0f} / {ceiling:.0f} req/s "
        f"= {100 * warm / ceiling:.0f} % (target >= 50 %)"
    )
    cold = results[("article", "cold", 32)]
    print(
        f"Cold article at 32 clients: {cold['rps']:.0f} req/s (target >= 250); "
        f"p95 at 8 clients: {results[('article', 'cold', 8)]['p95_ms']:.1f} ms (target < 50)"
    )
    if ("search new words", "cold", 8) in results:
        print(
            f"Search p95, new words each time (8 clients): "
            f"{results[('search new words', 'cold', 8)]['p95_ms']:.1f} ms"
        )
    if ("search results", "cold", 8) in results:
        print(
            f"Search p95 (cold, 8 clients): "
            f"{results[('search results', 'cold', 8)]['p95_ms']:.1f} ms (target < 100)"
        )


if __name__ == "__main__":
    main()
