"""Benchmark the production shape on this machine, cache layer by cache layer.

    .venv/bin/python bench/run.py [--articles 1000|10000] [--seconds 5]

Loads the demo content plus bulk articles into a fresh PostgreSQL database and
starts gunicorn with production settings, Varnish in front of it (our VCL), the
Redis on 127.0.0.1:6379, nginx serving a static HTML file of the article's size
as the ceiling, and a second gunicorn on a private Redis that renders every
page in full (bench/full_render_gunicorn.py). wrk drives the load, accepting
gzip as browsers do. Prints one table per page type, at 1, 8 and 32 clients,
with a row per cache layer (bench/README.md says what each measures), then the
ceiling and a publish under load, and writes the same to bench/results/.
Needs PostgreSQL and Redis running, and Debian's varnish, nginx-light, wrk and
redis-server (`apt-get install varnish nginx-light wrk redis-server`).
"""

import argparse
import concurrent.futures
import contextlib
import gzip
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
PYTHON = sys.executable
CONCURRENCY = [1, 8, 32]
PUBLISH_CLIENTS = 8
# Requests per gunicorn worker before a URL is measured.
WARM_UP_PER_WORKER = 3
# The Host every request sends, as visitors do: the default Wagtail site's
# (set once measured). Varnish may cache per Host, and Wagtail purges with it.
VISITOR = {"host": ""}
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
# Row labels say which caches were warm (bench/README.md explains each).
LABELS = {
    "full": "full render: nothing warm",
    "crawl": "crawl: shared parts warm",
    "new words": "new words: shared parts warm",
    "origin": "origin: app caches warm",
    "varnish hit": "Varnish hit: all warm",
    "varnish pass": "Varnish pass: app caches warm",
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(
                f"{process.args[0]} for {url} exited ({process.returncode})"
            )
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
        # The largest resident size of any one worker (not the master).
        self.worker_peak = 0

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
        sizes = {}
        for pid in self.tree():
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        sizes[pid] = int(line.split()[1])
        return sizes

    def run(self):
        while self.running:
            sizes = self.rss_kb()
            self.peak = max(self.peak, sum(sizes.values()))
            workers = [size for pid, size in sizes.items() if pid != self.pid]
            self.worker_peak = max([self.worker_peak, *workers])
            time.sleep(0.2)


def wrk_command(
    url, connections, seconds, *, url_file=None, once=False, each=False, **request
):
    """wrk's command and environment; `request` as for wrk(). With `each`, every
    request is also timed on its own (bench/latency.lua), one thread a connection."""
    threads = connections if each else min(connections, 2)
    env = {
        **os.environ,
        "WRK_POST_BODY": request.get("post_body") or "",
        "WRK_COOKIE": request.get("cookie") or "",
        "WRK_SEARCH_WORDS": " ".join(request.get("search_words") or []),
        "WRK_URL_FILE": str(url_file or ""),
        "WRK_URLS_ONCE": "1" if once else "",
        "WRK_THREADS": str(threads),
        "WRK_EACH_REQUEST": "1" if each else "",
        "WRK_HOST": VISITOR["host"],
    }
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(BENCH / "latency.lua"),
        url,
    ]
    return command, env


class Logs:
    """What the servers log while a cell runs: a row during which gunicorn
    warned (the shared cache unreachable, say) is marked in the report."""

    def __init__(self):
        self.files = {}

    def watch(self, path):
        self.files[path] = 0

    def new_lines(self):
        lines = []
        for path, offset in self.files.items():
            with contextlib.suppress(OSError), path.open("rb") as log:
                log.seek(offset)
                text = log.read()
                self.files[path] = offset + len(text)
                lines += [
                    line
                    for line in text.decode(errors="replace").splitlines()
                    if "WARNING" in line or "ERROR" in line or "Traceback" in line
                ]
        return lines


LOGS = Logs()


def wrk(url, connections, seconds, *, drain=(), **options):
    """One JSON line of figures (see latency.lua). Options: post_body, cookie,
    search_words (two drawn per request), url_file (paths walked in turn) and
    once (each of those paths once).

    wrk stops with up to `connections` requests sent and unanswered, which a
    sync gunicorn worker still serves: the next cell would queue behind them.
    So the origins on `drain` ports are waited for before returning."""
    command, env = wrk_command(url, connections, seconds, **options)
    out = subprocess.run(
        command, env=env, capture_output=True, text=True, check=True
    ).stdout
    for port in drain:
        # Queued behind what is left: it answers once those are served.
        urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=300)  # noqa: S310
    figures = json.loads(out.strip().splitlines()[-1])
    figures["logged"] = LOGS.new_lines()
    return figures


def start_gunicorn(env, port, workers, log, config=None):
    command = [PYTHON, "-m", "gunicorn", "evoke_site.wsgi:application"]
    if config:
        command += ["-c", str(config)]
    command += [
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    LOGS.watch(log)
    with log.open("w") as stderr:
        return subprocess.Popen(command, cwd=ROOT, env=env, stderr=stderr)


def stop(process):
    process.terminate()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)


def varnish_counters(work):
    out = subprocess.run(
        ["varnishstat", "-n", str(work / "varnish"), "-1", "-j"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    data = json.loads(out)
    counters = data.get("counters", data)
    names = (
        "MAIN.cache_hit",
        "MAIN.cache_miss",
        "MAIN.s_pass",
        "MAIN.n_purges",
        "MAIN.bans_added",
        # Objects dropped: by a purge, or by a ban (at lookup or by the lurker).
        "MAIN.n_obj_purged",
        "MAIN.bans_obj_killed",
        "MAIN.bans_lurker_obj_killed",
    )
    return {name: counters.get(name, {}).get("value", 0) for name in names}


def get(url, post_body=None, cookie=None, **_):
    """(headers, body) of one request as wrk sends it (a POST with a body)."""
    headers = {"Accept-Encoding": "gzip"}
    if VISITOR["host"]:
        headers["Host"] = VISITOR["host"]
    if cookie:
        headers["Cookie"] = cookie
    data = post_body.encode() if post_body else None
    if data:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    request = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        return response.headers, response.read()


def tables_for(pages, token):
    """(table name, path, request options) in the order printed."""
    tables = []
    for name, info in pages.items():
        if info.get("url"):
            tables.append((name, info["url"], {}))
    if pages.get("contact GET", {}).get("url"):
        # An incomplete form: validated and re-rendered with its errors,
        # nothing stored (a full submission is rate limited per client).
        tables.append(
            (
                "contact POST",
                pages["contact GET"]["url"],
                {
                    "post_body": f"csrfmiddlewaretoken={token}&name=Bench&message=Hello",
                    "cookie": f"csrftoken={token}",
                },
            )
        )
    if pages.get("insurance GET", {}).get("url"):
        # Step 1 of the verification, complete: checked, its answers sealed
        # (encrypted) into step 2, which is rendered; nothing stored.
        tables.append(
            (
                "insurance POST",
                pages["insurance GET"]["url"],
                {
                    "post_body": f"csrfmiddlewaretoken={token}&step=1&nav=next"
                    "&answers=&help_for=myself&name=Bench&phone=6175550134",
                    "cookie": f"csrftoken={token}",
                },
            )
        )
    return tables


def start_servers(env, work, ports, args):
    """gunicorn, the full-render gunicorn, Varnish and nginx; the processes."""
    processes = {}
    processes["gunicorn"] = start_gunicorn(
        env, ports["app"], args.workers, work / "gunicorn.log"
    )
    full_env = {
        **env,
        "BENCH_PRIVATE_REDIS": f"redis://127.0.0.1:{ports['private redis']}",
    }
    del full_env["FRONTEND_CACHE_URL"]  # it publishes nothing
    processes["full render"] = start_gunicorn(
        full_env,
        ports["full"],
        args.workers,
        work / "full-render.log",
        BENCH / "full_render_gunicorn.py",
    )
    vcl = (ROOT / "deploy/varnish/default.vcl").read_text()
    vcl = vcl.replace('"web"', '"127.0.0.1"').replace('"8000"', f'"{ports["app"]}"')
    (work / "site.vcl").write_text(vcl)
    processes["varnish"] = subprocess.Popen(
        [
            "varnishd",
            "-F",
            "-j",
            "none",
            "-n",
            str(work / "varnish"),
            "-a",
            f"127.0.0.1:{ports['cache']}",
            "-f",
            str(work / "site.vcl"),
            "-s",
            "malloc,256m",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return processes


def start_ceiling(work, port, article_html):
    (work / "www").mkdir()
    (work / "www" / "article.html").write_bytes(article_html)
    # Compressed ahead, as a static site would ship it: nginx then sends the
    # same bytes Varnish sends from its gzipped copy.
    (work / "www" / "article.html.gz").write_bytes(gzip.compress(article_html))
    (work / "nginx.conf").write_text(
        f"worker_processes 2; pid {work}/nginx.pid; error_log {work}/nginx.err;\n"
        "events { worker_connections 1024; }\n"
        f"http {{ access_log off; server {{ listen 127.0.0.1:{port}; "
        f"root {work}/www; gzip_static on; }} }}\n"
    )
    return subprocess.Popen(
        ["nginx", "-c", str(work / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def warm_up(url, args, **options):
    """A few requests per worker, so each has compiled the templates and
    filled what it keeps, as a long-running production process has."""
    with concurrent.futures.ThreadPoolExecutor(args.workers) as pool:
        for future in [
            pool.submit(get, url, **options)
            for _ in range(WARM_UP_PER_WORKER * args.workers)
        ]:
            with contextlib.suppress(urllib.error.HTTPError):
                future.result()
    LOGS.new_lines()  # what a first render logs belongs to no row


def measure(results, table, row, url, args, **options):
    for connections in CONCURRENCY:
        results[(table, row, connections)] = wrk(
            url, connections, args.seconds, **options
        )


def full_render_rows(tables, port, args, results):
    """Every table on the full-render gunicorn (every cache emptied per request)."""
    # Compiled templates and imports: once per process, as in production.
    for _, path, options in tables:
        warm_up(f"http://127.0.0.1:{port}{path}", args, **options)
    for table, path, options in tables:
        url = f"http://127.0.0.1:{port}{path}"
        measure(results, table, "full", url, args, drain=[port], **options)


def origin_rows(tables, articles, ports, work, args, results):
    """The crawl, new words, the origin with its caches warm, and Varnish."""
    app, cache = ports["app"], ports["cache"]
    # Every template compiled in every worker, and the shared parts kept.
    for _, path, options in tables:
        warm_up(f"http://127.0.0.1:{app}{path}", args, **options)
    # The crawl: each bulk article once, a third of them per client count,
    # none asked for before in this run.
    share = -(-len(articles) // len(CONCURRENCY))
    crawl = {}
    for i, connections in enumerate(CONCURRENCY):
        crawl[connections] = work / f"crawl-{connections}.txt"
        crawl[connections].write_text(
            "\n".join(articles[i * share : (i + 1) * share]) + "\n"
        )
    for table, path, options in tables:
        app_url = f"http://127.0.0.1:{app}{path}"
        cache_url = f"http://127.0.0.1:{cache}{path}"
        if table == "article":
            for connections in CONCURRENCY:
                results[(table, "crawl", connections)] = wrk(
                    app_url,
                    connections,
                    args.seconds,
                    drain=[app],
                    url_file=crawl[connections],
                    once=True,
                )
        if table == "search results":
            measure(
                results,
                table,
                "new words",
                f"http://127.0.0.1:{app}/search/",
                args,
                drain=[app],
                search_words=SEARCH_WORDS,
            )
        warm_up(app_url, args, **options)
        measure(results, table, "origin", app_url, args, drain=[app], **options)
        if "post_body" in options:
            continue  # Varnish passes a POST to the origin: the row above
        warm_up(cache_url, args, **options)
        hit = get(cache_url)[0].get("X-Cache") == "HIT"
        row = "varnish hit" if hit else "varnish pass"
        measure(results, table, row, cache_url, args, drain=[app], **options)


def publish_under_load(env, work, ports, readers, args):
    """Readers through Varnish while another process publishes."""
    cache = ports["cache"]
    publisher = subprocess.Popen(
        [
            PYTHON,
            str(BENCH / "publisher.py"),
            str(args.publish_seconds),
            str(args.publish_every),
        ],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        (work / "read.txt").write_text("\n".join(readers) + "\n")
        # Visitors have read every article before: Varnish holds them all.
        with concurrent.futures.ThreadPoolExecutor(PUBLISH_CLIENTS) as pool:
            list(pool.map(get, (f"http://127.0.0.1:{cache}{p}" for p in readers)))
        if publisher.stdout.readline().strip() != "ready":
            raise SystemExit(f"the publisher did not start ({publisher.wait()})")
        before = varnish_counters(work)
        command, wrk_env = wrk_command(
            f"http://127.0.0.1:{cache}/",
            PUBLISH_CLIENTS,
            args.publish_seconds,
            url_file=work / "read.txt",
            each=True,
        )
        reading = subprocess.Popen(
            command, env=wrk_env, stdout=subprocess.PIPE, text=True
        )
        publisher.stdin.write("go\n")
        publisher.stdin.flush()
        out, _ = reading.communicate()
        published = publisher.stdout.readline()
        if not published:
            raise SystemExit(f"the publisher failed ({publisher.wait()})")
        time.sleep(2)  # Varnish adds up its threads' counters every so often
        after = varnish_counters(work)
    finally:
        stop(publisher)
    figures = {}
    for line in out.strip().splitlines()[-2:]:
        figures.update(json.loads(line))
    figures["logged"] = LOGS.new_lines()
    return {
        "figures": figures,
        "publishes": json.loads(published),
        "varnish": {name: after[name] - before[name] for name in after},
        "articles": len(readers),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=5, help="per cell")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--publish-seconds", type=int, default=60)
    parser.add_argument("--publish-every", type=int, default=10)
    parser.add_argument(
        "--reuse-database",
        action="store_true",
        help="use the database a previous run built (quicker; it holds that run's "
        "publishes: for developing the benchmark, not for figures)",
    )
    args = parser.parse_args()
    for program in ("varnishd", "varnishstat", "nginx", "wrk", "redis-server"):
        if not shutil.which(program) and not Path(f"/usr/sbin/{program}").exists():
            raise SystemExit(
                f"{program} is needed: "
                "apt-get install varnish nginx-light wrk redis-server"
            )
    started = datetime.now(UTC)
    work = Path(tempfile.mkdtemp(prefix="evoke-bench-"))
    work.chmod(0o755)  # nginx workers run as an unprivileged user
    dbname = f"evoke_bench_{args.articles}"
    ports = {
        name: free_port()
        for name in ("app", "cache", "static", "full", "private redis")
    }
    private_redis = f"redis://127.0.0.1:{ports['private redis']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "evoke_site.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
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
    processes = {}
    try:
        # A Redis of the benchmark's own: the full-render origin and the query
        # counts empty their databases, which the shared Redis must never see.
        processes["private redis"] = subprocess.Popen(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(ports["private redis"]),
                "--save",
                "",
                "--appendonly",
                "no",
                "--databases",
                "64",
                "--dir",
                str(work),
            ],
            stdout=subprocess.DEVNULL,
        )
        if args.reuse_database:
            print(f"== database {dbname} as a previous run left it")
        else:
            print(
                f"== database {dbname} with demo content and {args.articles} articles"
            )
            admin_url = PG + "/postgres"
            run(["psql", admin_url, "-qc", f"DROP DATABASE IF EXISTS {dbname}"], env)
            run(["psql", admin_url, "-qc", f"CREATE DATABASE {dbname}"], env)
            run([PYTHON, "manage.py", "migrate", "-v0", "--noinput"], env)
            run(
                [PYTHON, "manage.py", "load_demo_content"],
                env,
                stdout=subprocess.DEVNULL,
            )
            run([PYTHON, str(BENCH / "generate_articles.py"), str(args.articles)], env)
        run([PYTHON, "manage.py", "collectstatic", "-v0", "--noinput"], env)
        measured = json.loads(
            run(
                [PYTHON, str(BENCH / "measure_pages.py")],
                {**env, "REDIS_URL": f"{private_redis}/0"},
                capture_output=True,
                text=True,
            ).stdout
        )
        pages, articles = measured["pages"], measured["articles"]
        print("== full render in-process (bench/full_render.py)")
        in_process = json.loads(
            run(
                [PYTHON, str(BENCH / "full_render.py"), "--profile", "12"],
                {**env, "REDIS_URL": f"{private_redis}/0"},
                capture_output=True,
                text=True,
            ).stdout
        )
        VISITOR["host"] = measured["host"]

        print(f"== gunicorn ({args.workers} workers) twice, varnish, nginx")
        # Purging only once Varnish runs; loading content needs none.
        env["FRONTEND_CACHE_URL"] = f"http://127.0.0.1:{ports['cache']}"
        processes.update(start_servers(env, work, ports, args))
        wait_for(f"http://127.0.0.1:{ports['app']}/healthz", processes["gunicorn"])
        wait_for(f"http://127.0.0.1:{ports['full']}/healthz", processes["full render"])
        wait_for(f"http://127.0.0.1:{ports['cache']}/healthz", processes["varnish"])
        headers, article_html = get(
            f"http://127.0.0.1:{ports['app']}{pages['article']['url']}"
        )
        if headers.get("Content-Encoding") == "gzip":
            article_html = gzip.decompress(article_html)
        processes["nginx"] = start_ceiling(work, ports["static"], article_html)
        wait_for(f"http://127.0.0.1:{ports['static']}/article.html", processes["nginx"])

        tables = tables_for(pages, secrets.token_hex(16))
        results = {}
        print("== full render (second gunicorn, every cache emptied per request)")
        full_memory = MemorySampler(processes["full render"].pid)
        full_memory.start()
        full_render_rows(tables, ports["full"], args, results)
        full_memory.running = False
        stop(processes.pop("full render"))

        print("== crawl, origin and Varnish")
        memory = MemorySampler(processes["gunicorn"].pid)
        memory.start()
        origin_rows(tables, articles, ports, work, args, results)
        ceiling = {
            connections: wrk(
                f"http://127.0.0.1:{ports['static']}/article.html",
                connections,
                args.seconds,
            )
            for connections in CONCURRENCY
        }
        print(
            f"== publish under load: {PUBLISH_CLIENTS} clients through Varnish for "
            f"{args.publish_seconds}s, one article published every {args.publish_every}s"
        )
        readers = [pages["article"]["url"], *articles]
        publish = publish_under_load(env, work, ports, readers, args)
        memory.running = False
        text = report(
            pages,
            results,
            ceiling,
            publish,
            {
                "origin": memory.peak,
                "full render": full_memory.peak,
                "worker": memory.worker_peak,
            },
            args,
            len(articles),
            in_process,
        )
        print()
        print(text)
        record(text, started, args)
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes.values():
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


def report(pages, results, ceiling, publish, peaks_kb, args, crawled, in_process):
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown CPU",
    )
    share = -(-crawled // len(CONCURRENCY))
    lines = [
        f"Machine: {os.cpu_count()} cores, {cpu}; {args.articles} bulk articles; "
        f"gunicorn {args.workers} sync workers; wrk {args.seconds}s per cell",
        "Peak gunicorn memory (master + workers): "
        f"{peaks_kb['origin'] / 1024:.0f} MiB; full-render gunicorn "
        f"{peaks_kb['full render'] / 1024:.0f} MiB; largest worker "
        f"{peaks_kb['worker'] / 1024:.0f} MiB",
        "",
        "Full render in-process (bench/full_render.py): Django's test client, every",
        "cache emptied before each render, median and p90 of 30, CPU and queries:",
        f"  {'page':<16} {'p50 ms':>7} {'p90 ms':>7} {'cpu ms':>7} {'queries':>7}",
        *(
            f"  {name:<16} {row['p50_ms']:>7.1f} {row['p90_ms']:>7.1f} "
            f"{row['cpu_p50_ms']:>7.1f} {row['queries']:>7}"
            for name, row in in_process["pages"].items()
        ),
        "  The article's costliest functions (cumulative ms per render, profiled):",
        *(f"  {row['ms']:>7.1f}  {row['function']}" for row in in_process["profile"]),
        "",
        "Rows, and which caches were warm (bench/README.md):",
        "  full render   a second gunicorn whose workers each empty their own Redis",
        "                database before every request: nothing kept is found, in Redis",
        "                or in process memory (keyed by the generation). As after a publish.",
        f"  crawl         the origin, each bulk article once ({share} per client count, none",
        "                asked for before): its own parts cold, the site's shared parts",
        "                (site, settings, menus) warm. A crawler on the long tail.",
        "  new words     the origin, two random words and a made-up one per search:",
        "                a query never asked before, its answer and results cold.",
        "  origin        the origin, the same URL after a 1 s warm-up: Redis and memory warm.",
        "  Varnish       the same URL through Varnish after a warm-up: a hit, or a pass",
        "                (never cached: a form, search) answered by the warm origin.",
    ]
    header = (
        f"  {'row':<30} {'c':>3} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p99 ms':>8} {'requests':>8} {'err':>4}"
    )

    def row_lines(label, figures_by_c):
        out = []
        logged = [line for _, figures in figures_by_c for line in figures["logged"]]
        if logged:
            label += " *"
        for i, (connections, figures) in enumerate(figures_by_c):
            out.append(
                f"  {label if i == 0 else '':<30} {connections:>3} {figures['rps']:>9.1f} "
                f"{figures['p50_ms']:>8.2f} {figures['p95_ms']:>8.2f} "
                f"{figures['p99_ms']:>8.2f} {figures['requests']:>8} "
                f"{figures['errors'] + figures['non_2xx']:>4}"
            )
        if logged:
            out.append(
                f"    * gunicorn logged {len(logged)} warnings, e.g. {logged[0][-90:]}"
            )
        return out

    tables = list(dict.fromkeys(table for table, _, _ in results))
    for table in tables:
        info = pages.get(table) or pages.get(table.replace("POST", "GET"), {})
        lines.append("")
        if table in pages:
            lines.append(
                f"{table}: {info['url']}  queries full render {info['full_render_queries']}, "
                f"warm {info['queries']}; HTML {info['bytes']} B, gzip {info['gzip_bytes']} B"
            )
        else:
            what = (
                "step 1 complete, step 2 rendered"
                if table.startswith("insurance")
                else "an incomplete form, re-rendered"
            )
            lines.append(f"{table}: {info['url']}  ({what})")
        lines.append(header)
        rows = list(dict.fromkeys(row for t, row, _ in results if t == table))
        for row in rows:
            lines += row_lines(
                LABELS[row], [(c, results[(table, row, c)]) for c in CONCURRENCY]
            )
    for name, info in pages.items():
        if not info.get("url"):
            lines += ["", f"{name}: no such page in this build"]
    lines += ["", "static ceiling: nginx, the article's gzip bytes from a file", header]
    lines += row_lines("nginx", [(c, ceiling[c]) for c in CONCURRENCY])

    figures, varnish = publish["figures"], publish["varnish"]
    publishes = publish["publishes"]
    took = sorted(p["ms"] for p in publishes)
    dropped = (
        varnish["MAIN.n_obj_purged"]
        + varnish["MAIN.bans_obj_killed"]
        + varnish["MAIN.bans_lurker_obj_killed"]
    )
    lines += [
        "",
        f"publish under load: {PUBLISH_CLIENTS} clients read {publish['articles']} articles "
        f"in turn through Varnish for {args.publish_seconds}s, while another process",
        f"publishes one every {args.publish_every}s. Warm: Varnish (all of them read "
        "before), app caches as the rows above",
        "left them; each publish bumps the generation and purges what Wagtail and the "
        "app purge.",
        "Each request as a visitor meets it (bench/latency.lua); then wrk's own",
        "percentiles, corrected for coordinated omission (every stalled connection",
        "counted as if visitors had queued behind it at the hits' rate).",
        f"  {'':<12} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'max ms':>8} {'requests':>8} {'err':>4}",
        f"  {'each request':<12} {figures['rps']:>9.1f} {figures['each_p50_ms']:>8.2f} "
        f"{figures['each_p95_ms']:>8.2f} {figures['each_p99_ms']:>8.2f} "
        f"{figures['each_max_ms']:>8.1f} {figures['requests']:>8} "
        f"{figures['errors'] + figures['non_2xx']:>4}",
        f"  {'wrk corrected':<12} {'':>9} {figures['p50_ms']:>8.2f} "
        f"{figures['p95_ms']:>8.2f} {figures['p99_ms']:>8.2f}",
        f"  Varnish: {varnish['MAIN.cache_miss']} misses (the visitor waited p50 "
        f"{figures['miss_p50_ms']:.0f} ms, p95 {figures['miss_p95_ms']:.0f} ms), "
        f"{dropped} objects dropped, "
        f"{varnish['MAIN.n_purges'] + varnish['MAIN.bans_added']} PURGE and BAN requests",
    ]
    if took:
        lines.append(
            f"  {len(took)} publishes took {took[0]:.0f}-{took[-1]:.0f} ms "
            f"(median {took[len(took) // 2]:.0f} ms) with their purges; Wagtail "
            f"purged, the first time: {' '.join(publishes[0]['purged']) or 'nothing'}"
        )
    if figures["logged"]:
        lines.append(
            f"  gunicorn logged {len(figures['logged'])} warnings meanwhile, e.g. "
            f"{figures['logged'][0][-90:]}"
        )

    def cell(table, row, connections):
        return results.get((table, row, connections))

    best_ceiling = max(ceiling[c]["rps"] for c in CONCURRENCY)
    lines.append("")
    varnish_row = "varnish hit" if cell("article", "varnish hit", 8) else "varnish pass"
    warm = max(cell("article", varnish_row, c)["rps"] for c in CONCURRENCY)
    lines.append(
        f"Article through Varnish vs static ceiling: {warm:.0f} / {best_ceiling:.0f} "
        f"req/s = {100 * warm / best_ceiling:.0f} % (target >= 50 %)"
    )
    origin = cell("article", "origin", 32)
    lines.append(
        f"Article, origin with app caches warm: {origin['rps']:.0f} req/s at 32 clients "
        f"(target >= 250); p95 at 8 clients "
        f"{cell('article', 'origin', 8)['p95_ms']:.1f} ms (target < 50)"
    )
    full, crawl = cell("article", "full", 32), cell("article", "crawl", 32)
    lines.append(
        f"Article, full render: {full['rps']:.0f} req/s at 32 clients, p95 at 8 clients "
        f"{cell('article', 'full', 8)['p95_ms']:.1f} ms; crawl: {crawl['rps']:.0f} req/s, "
        f"p95 {cell('article', 'crawl', 8)['p95_ms']:.1f} ms"
    )
    if cell("search results", "origin", 8):
        lines.append(
            "Search p95 at 8 clients: one query repeated, app caches warm "
            f"{cell('search results', 'origin', 8)['p95_ms']:.1f} ms (target < 100); "
            f"new words {cell('search results', 'new words', 8)['p95_ms']:.1f} ms; "
            f"full render {cell('search results', 'full', 8)['p95_ms']:.1f} ms"
        )
    lines.append(
        f"Publish under load: p95 {figures['each_p95_ms']:.1f} ms a request "
        f"(target <= 150) at {figures['rps']:.0f} req/s; a miss p95 "
        f"{figures['miss_p95_ms']:.0f} ms; wrk's corrected p95 {figures['p95_ms']:.1f} ms"
    )
    return "\n".join(lines)


def record(text, started, args):
    """Keep the run in bench/results/, with the code it measured."""
    git = ["git", "--no-optional-locks", "-C", str(ROOT)]
    commit = subprocess.run(
        [*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    changed = [
        line
        for line in subprocess.run(
            [*git, "status", "--porcelain"], capture_output=True, text=True
        ).stdout.splitlines()
        if "bench/results/" not in line
    ]
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{started:%Y-%m-%d-%H%M}-{args.articles}.md"
    command = " ".join(
        [
            "bench/run.py",
            f"--articles {args.articles}",
            f"--seconds {args.seconds}",
            f"--workers {args.workers}",
            f"--publish-seconds {args.publish_seconds}",
            f"--publish-every {args.publish_every}",
            *(["--reuse-database"] if args.reuse_database else []),
        ]
    )
    code = f"commit {commit}"
    if changed:
        code += (
            f", plus {len(changed)} uncommitted changes in the working tree "
            "(what was measured): " + ", ".join(line[3:] for line in changed)
        )
    path.write_text(
        f"# Benchmark, {started:%Y-%m-%d %H:%M} UTC, {args.articles} articles\n\n"
        f"`{command}`\n\nCode: {code}.\n\n```text\n{text}\n```\n"
    )
    print(f"\nWritten to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
