"""Benchmark the production shape on this machine, cache layer by cache layer.

    .venv/bin/python bench/run.py [--articles 1000|10000] [--seconds 5] [--centers 16]

Loads the demo content plus bulk articles into a fresh PostgreSQL database and
starts gunicorn with production settings (bench/settings.py: production's, the
beacon's per-client limit raised), Varnish in front of it (our VCL), the
Redis on 127.0.0.1:6379, nginx serving a static HTML file of the article's size
as the ceiling, and a second gunicorn on a private Redis that renders every
page in full (bench/full_render_gunicorn.py). wrk drives the load, accepting
gzip as browsers do. Prints one table per page type, at 1, 8 and 32 clients,
with a row per cache layer (bench/README.md says what each measures), then the
ceiling and a publish under load, and writes the same to bench/results/.
The insights beacon (a page view counted, as static/insights/beacon.js sends
it) has a table of its own beside the article's. `--centers N` adds N-1 more
sites sharing the articles as aliases (bench/centers.py) and spreads the page
rows over every site's Host. `--tables` measures only some tables (for trying
the benchmark out; a run for figures measures them all).
Needs PostgreSQL and Redis running, and Debian's varnish, nginx-light, wrk and
redis-server (`apt-get install varnish nginx-light wrk redis-server`).
"""

import argparse
import concurrent.futures
import contextlib
import functools
import gzip
import json
import os
import re
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
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import redis
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
# With --centers, "hosts" holds every center's, the default site's first.
VISITOR = {"host": "", "hosts": []}
BEACON = "insights beacon POST"
# Where the benchmark's servers count beacons (bench/settings.py).
BEACON_KEY_PREFIX = "evoke-bench:insights:"
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
        # The largest resident size of any one worker (not the master), and
        # each worker's own peak (by pid: a worker restarted is a new one).
        self.worker_peak = 0
        self.worker_peaks = {}

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
            workers = {pid: size for pid, size in sizes.items() if pid != self.pid}
            self.worker_peak = max([self.worker_peak, *workers.values()])
            for pid, size in workers.items():
                self.worker_peaks[pid] = max(size, self.worker_peaks.get(pid, 0))
            time.sleep(0.2)


def wrk_command(
    url, connections, seconds, *, url_file=None, once=False, each=False, **request
):
    """wrk's command and environment; `request` as for wrk(). With `each`, every
    request is also timed on its own (bench/latency.lua), one thread a connection.
    With `beacons`, each request is the next of those beacons (bench/beacon.lua)."""
    threads = connections if each else min(connections, 2)
    beacons = request.get("beacons")
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
        "WRK_HOSTS": " ".join(request.get("hosts") or []),
        "WRK_BEACONS": "\n".join(f"{host} {body}" for host, body in beacons or []),
    }
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(BENCH / ("beacon.lua" if beacons else "latency.lua")),
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
    """wrk's figures (see latency.lua). Options: post_body, cookie,
    search_words (two drawn per request), url_file (paths walked in turn, a
    line "host path" or a path), once (each of those paths once), hosts (each
    request to the next of these Hosts) and beacons ((host, body) pairs, each
    request the next of them, sent as the page's script sends it: then
    "counted" says how many the site counted, and "non_2xx" how many answers
    were not its 204).

    wrk stops with up to `connections` requests sent and unanswered, which a
    sync gunicorn worker still serves: the next cell would queue behind them.
    So the origins on `drain` ports are waited for before returning."""
    command, env = wrk_command(url, connections, seconds, **options)
    counted_before = beacons_counted() if options.get("beacons") else 0
    out = subprocess.run(
        command, env=env, capture_output=True, text=True, check=True
    ).stdout
    for port in drain:
        # Queued behind what is left: it answers once those are served.
        urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=300)  # noqa: S310
    figures = {}
    for line in out.strip().splitlines():
        if line.startswith("{"):
            figures.update(json.loads(line))
    if options.get("beacons"):
        # The drained beacons are counted too: up to `connections` more than
        # wrk saw answered.
        figures["counted"] = beacons_counted() - counted_before
        figures["non_2xx"] = figures["status_other"]
    figures["hosts"] = len(options.get("hosts") or options.get("beacons") or [1])
    figures["logged"] = LOGS.new_lines()
    return figures


def beacons_counted():
    """Beacons the benchmark's servers counted so far (every day's hash)."""
    client = redis.Redis.from_url(REDIS)
    return sum(
        int(number)
        for key in client.scan_iter(match=f"{BEACON_KEY_PREFIX}day:*")
        for number in client.hvals(key)
    )


def forget_beacons():
    """The benchmark's beacon counts and rate-limit keys, deleted."""
    client = redis.Redis.from_url(REDIS)
    for key in client.scan_iter(match=f"{BEACON_KEY_PREFIX}*"):
        client.delete(key)


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


def get(url, post_body=None, cookie=None, host=None, **_):
    """(headers, body) of one request as wrk sends it (a POST with a body), to
    `host` (by default the default site's)."""
    headers = {"Accept-Encoding": "gzip"}
    if host or VISITOR["host"]:
        headers["Host"] = host or VISITOR["host"]
    if cookie:
        headers["Cookie"] = cookie
    data = post_body.encode() if post_body else None
    if data:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    request = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        return response.headers, response.read()


# A desktop browser's, as bench/beacon.lua sends: the site counts no bot.
BROWSER = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
)


def beacon_body(page_id, path):
    """The body static/insights/beacon.js sends for a page view (URLSearchParams
    in its order; no campaign tags, no referring site)."""
    return urllib.parse.urlencode(
        {
            "page": page_id,
            "path": path,
            "event": "view",
            "utm_source": "",
            "utm_medium": "",
            "utm_campaign": "",
            "gclid": "0",
            "ref": "",
        },
        quote_via=urllib.parse.quote,
        safe="",
    )


def send_beacon(url, host, body):
    """One beacon as bench/beacon.lua sends it; the answer's status."""
    request = urllib.request.Request(  # noqa: S310
        url,
        data=body.encode(),
        headers={
            "Host": host,
            "Accept-Encoding": "gzip",
            "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
            "User-Agent": BROWSER,
            "Origin": f"http://{host}",
        },
    )
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        return response.status


def beacons_of(app_port, path, hosts):
    """(host, body) of the beacon the page at `path` sends on each of `hosts`:
    its script's page id, read from the HTML as the browser reads it."""
    beacons = []
    for host in hosts:
        _, html = get(f"http://127.0.0.1:{app_port}{path}", host=host)
        with contextlib.suppress(OSError, EOFError):
            html = gzip.decompress(html)
        script = re.search(
            rb'<script[^>]*data-endpoint="([^"]+)"[^>]*data-page="(\d+)"', html
        )
        if script is None:
            raise SystemExit(f"no beacon script on {host}{path}")
        beacons.append((host, beacon_body(int(script[2]), path)))
    return beacons


def tables_for(pages, token, beacons=None):
    """(table name, path, request options) in the order printed: the beacon,
    when given, beside the article."""
    tables = []
    for name, info in pages.items():
        if info.get("url"):
            tables.append((name, info["url"], {}))
        if name == "article" and beacons:
            tables.append((BEACON, "/insights/beacon/", {"beacons": beacons}))
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
    filled what it keeps, as a long-running production process has: as many
    on each of the hosts the row is spread over (each keeps its own), or
    each of its beacons."""
    if options.get("beacons"):
        calls = [(send_beacon, url, *beacon) for beacon in options["beacons"]]
    else:
        calls = [
            (functools.partial(get, **options, host=host), url)
            for host in options.get("hosts") or [None]
        ]
    with concurrent.futures.ThreadPoolExecutor(args.workers) as pool:
        for future in [
            pool.submit(*call)
            for call in calls
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
    """Every table on the full-render gunicorn (every cache emptied per request),
    but the beacon's: its counts would go to the Redis emptied before each."""
    tables = [table for table in tables if table[0] != BEACON]
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
    # none asked for before in this run; with several centers, each on the
    # next center's Host in turn.
    share = -(-len(articles) // len(CONCURRENCY))
    hosts = VISITOR["hosts"]
    walk = [
        f"{hosts[i % len(hosts)]} {path}" if hosts else path
        for i, path in enumerate(articles)
    ]
    crawl = {}
    for i, connections in enumerate(CONCURRENCY):
        crawl[connections] = work / f"crawl-{connections}.txt"
        crawl[connections].write_text(
            "\n".join(walk[i * share : (i + 1) * share]) + "\n"
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
                results[(table, "crawl", connections)]["hosts"] = len(hosts) or 1
        if table == "search results":
            measure(
                results,
                table,
                "new words",
                f"http://127.0.0.1:{app}/search/",
                args,
                drain=[app],
                search_words=SEARCH_WORDS,
                hosts=options.get("hosts"),
            )
        warm_up(app_url, args, **options)
        measure(results, table, "origin", app_url, args, drain=[app], **options)
        if "post_body" in options:
            continue  # Varnish passes a POST to the origin: the row above
        warm_up(cache_url, args, **options)
        if "beacons" in options:
            hit = False  # a POST, passed to the origin as browsers' beacons are
        else:
            hit = get(cache_url)[0].get("X-Cache") == "HIT"
        row = "varnish hit" if hit else "varnish pass"
        measure(results, table, row, cache_url, args, drain=[app], **options)


def spread_over_centers(tables, ports):
    """Spread each table whose page every center has over every center's Host
    (options["hosts"]); the others (pages of the first center only) stay on
    the default site's. Then check that Varnish keeps each center's article
    apart: each Host's copy is a hit, and the page of that center."""
    hosts = VISITOR["hosts"]
    for _, path, options in tables:
        if "beacons" in options:
            continue  # one beacon per center already
        statuses = set()
        for host in hosts:
            try:
                get(f"http://127.0.0.1:{ports['app']}{path}", host=host)
                statuses.add(200)
            except urllib.error.HTTPError as error:
                statuses.add(error.code)
        if statuses == {200}:
            options["hosts"] = hosts
    article = next((t for t in tables if t[0] == "article"), None)
    if article is None:
        return
    shown = {}
    for host in hosts:
        pages = set()
        for port in (ports["app"], ports["cache"], ports["cache"]):
            headers, html = get(f"http://127.0.0.1:{port}{article[1]}", host=host)
            with contextlib.suppress(OSError, EOFError):
                html = gzip.decompress(html)
            pages.add(re.search(rb'data-page="(\d+)"', html)[1])
        if len(pages) != 1 or headers.get("X-Cache") != "HIT":
            raise SystemExit(
                f"Varnish answered {host}{article[1]} with another page or "
                f"not from its cache ({headers.get('X-Cache')}, pages {pages})"
            )
        shown[host] = pages.pop()
    if len(set(shown.values())) != len(hosts):
        raise SystemExit(f"centers share a page at {article[1]}: {shown}")
    print(f"== Varnish keeps the article of each of {len(hosts)} centers apart")


def publish_under_load(env, work, ports, readers, args):
    """Readers through Varnish while another process publishes. `readers`:
    (host, path) pairs read in turn (host None: the default site's)."""
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
        (work / "read.txt").write_text(
            "".join(
                f"{host} {path}\n" if host else f"{path}\n" for host, path in readers
            )
        )
        # Visitors have read every article before: Varnish holds them all.
        with concurrent.futures.ThreadPoolExecutor(PUBLISH_CLIENTS) as pool:
            list(
                pool.map(
                    lambda reader: get(
                        f"http://127.0.0.1:{cache}{reader[1]}", host=reader[0]
                    ),
                    readers,
                )
            )
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
        "--centers",
        type=int,
        default=1,
        help="sites (centers) sharing the articles as aliases; the page rows are "
        "spread over every center's Host (bench/centers.py)",
    )
    parser.add_argument(
        "--tables",
        help="measure only these tables, comma-separated (e.g. 'article,"
        f"{BEACON}'); with --publish-seconds 0, no publish under load",
    )
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
    if args.centers < 1:
        parser.error("--centers is at least 1")
    dbname = f"evoke_bench_{args.articles}"
    if args.centers > 1:
        dbname += f"_centers{args.centers}"
    ports = {
        name: free_port()
        for name in ("app", "cache", "static", "full", "private redis")
    }
    private_redis = f"redis://127.0.0.1:{ports['private redis']}"
    env = {
        **os.environ,
        # Production's, with the beacon's per-client limit raised.
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "DATABASE_URL": f"{PG}/{dbname}",
        "REDIS_URL": REDIS,
        "ALLOWED_HOSTS": "localhost,127.0.0.1,testserver"
        # The centers bench/centers.py makes: center2.localhost, ...
        + (",.localhost" if args.centers > 1 else ""),
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
        centers = {"hosts": [], "alias_seconds": None}
        if args.centers > 1:
            print(f"== {args.centers - 1} more centers, every article an alias on each")
            centers = json.loads(
                run(
                    [PYTHON, str(BENCH / "centers.py"), str(args.centers)],
                    env,
                    stdout=subprocess.PIPE,  # its progress on stderr, shown
                    text=True,
                ).stdout
            )
            print(
                f"   {centers['aliases']} aliases made in {centers['alias_seconds']}s"
            )
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
        VISITOR["hosts"] = centers["hosts"]
        centers["sites"] = measured.get("sites")
        if VISITOR["hosts"] and VISITOR["hosts"][0] != VISITOR["host"]:
            raise SystemExit(
                f"the default site is {VISITOR['host']}, not the first center"
            )

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

        beacons = beacons_of(
            ports["app"], pages["article"]["url"], VISITOR["hosts"] or [VISITOR["host"]]
        )
        tables = tables_for(pages, secrets.token_hex(16), beacons)
        if args.tables:
            wanted = {name.strip() for name in args.tables.split(",")}
            tables = [table for table in tables if table[0] in wanted]
        if VISITOR["hosts"]:
            spread_over_centers(tables, ports)
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
        publish = None
        if args.publish_seconds > 0:
            print(
                f"== publish under load: {PUBLISH_CLIENTS} clients through Varnish "
                f"for {args.publish_seconds}s, one article published every "
                f"{args.publish_every}s"
            )
            hosts = VISITOR["hosts"]
            if hosts:
                # The seed article on every center, then each bulk article on
                # the next center in turn: as many reads as with one center.
                readers = [(host, pages["article"]["url"]) for host in hosts] + [
                    (hosts[i % len(hosts)], path) for i, path in enumerate(articles)
                ]
            else:
                readers = [
                    (None, path) for path in [pages["article"]["url"], *articles]
                ]
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
                "workers": sorted(memory.worker_peaks.values()),
                "full render workers": sorted(full_memory.worker_peaks.values()),
            },
            args,
            len(articles),
            in_process,
            order=[table for table, _, _ in tables],
            centers=centers,
        )
        print()
        print(text)
        record(text, started, args)
    finally:
        with contextlib.suppress(redis.RedisError):
            forget_beacons()
        for process in processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes.values():
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


def report(
    pages,
    results,
    ceiling,
    publish,
    peaks_kb,
    args,
    crawled,
    in_process,
    order,
    centers,
):
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown CPU",
    )
    share = -(-crawled // len(CONCURRENCY))
    hosts = centers["hosts"]
    sites = centers.get("sites", "?")

    def mib(kb):
        return f"{kb / 1024:.0f}"

    lines = [
        f"Machine: {os.cpu_count()} cores, {cpu}; {args.articles} bulk articles; "
        f"centers={args.centers} ({sites} sites in the database); gunicorn "
        f"{args.workers} sync workers; wrk {args.seconds}s per cell",
        "Peak gunicorn memory (master + workers): "
        f"{mib(peaks_kb['origin'])} MiB; full-render gunicorn "
        f"{mib(peaks_kb['full render'])} MiB; largest worker "
        f"{mib(peaks_kb['worker'])} MiB",
        "Each worker's peak RSS, MiB: origin "
        f"{', '.join(mib(kb) for kb in peaks_kb['workers']) or '-'}; full render "
        f"{', '.join(mib(kb) for kb in peaks_kb['full render workers']) or '-'}",
    ]
    if hosts:
        lines += [
            f"Centers: {len(hosts)} sites ({hosts[0]}, {hosts[1]} ... {hosts[-1]}), "
            f"each with its own home page, article index and center details; "
            f"every article of the first is an alias on each of the others "
            f"({centers['alias_pages']} aliases; {centers['aliases']} made by this "
            f"run, in {centers['alias_seconds']} s: bench/centers.py).",
            "A table marked 'spread' sends each request with the next center's Host "
            "in turn: its req/s is all",
            "centers' together (per host: req/s / centers), to compare with a run "
            "of one center. A table",
            "not marked is a page of the first center only, asked for on its Host.",
        ]
    lines += [
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
        "                (never cached: a form, search, the beacon) answered by the warm origin.",
        "  err           connection errors and answers that were not 2xx (for the",
        "                beacon: not its 204).",
    ]
    header = (
        f"  {'row':<30} {'c':>3} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p99 ms':>8} {'requests':>8} {'err':>4}"
    )
    if hosts:
        header += f" {'req/s/host':>10}"

    def row_lines(label, figures_by_c):
        out = []
        logged = [line for _, figures in figures_by_c for line in figures["logged"]]
        if logged:
            label += " *"
        for i, (connections, figures) in enumerate(figures_by_c):
            line = (
                f"  {label if i == 0 else '':<30} {connections:>3} {figures['rps']:>9.1f} "
                f"{figures['p50_ms']:>8.2f} {figures['p95_ms']:>8.2f} "
                f"{figures['p99_ms']:>8.2f} {figures['requests']:>8} "
                f"{figures['errors'] + figures['non_2xx']:>4}"
            )
            if hosts:
                line += f" {figures['rps'] / figures.get('hosts', 1):>10.1f}"
            out.append(line)
        if logged:
            out.append(
                f"    * gunicorn logged {len(logged)} warnings, e.g. {logged[0][-90:]}"
            )
        return out

    def cell(table, row, connections):
        return results.get((table, row, connections))

    tables = [table for table in order if any(key[0] == table for key in results)]
    for table in tables:
        info = pages.get(table) or pages.get(table.replace("POST", "GET"), {})
        spread = any(
            figures.get("hosts", 1) > 1
            for (t, _, _), figures in results.items()
            if t == table
        )
        where = f"  spread over {len(hosts)} centers" if spread else ""
        lines.append("")
        if table in pages:
            lines.append(
                f"{table}: {info['url']}  queries full render {info['full_render_queries']}, "
                f"warm {info['queries']}; HTML {info['bytes']} B, gzip {info['gzip_bytes']} B"
                + where
            )
        elif table == BEACON:
            lines += [
                f"{table}: /insights/beacon/  a view of the article counted" + where,
                "  As static/insights/beacon.js sends it (bench/beacon.lua): page, "
                "path, event=view,",
                "  empty campaign tags, gclid=0, no referring site, form-encoded; a "
                "desktop browser's",
                "  User-Agent, no DNT or Sec-GPC. Counted in Redis, answered 204, "
                "never cached. No full",
                "  render row: its counts would go to the Redis emptied before each "
                "request.",
            ]
        else:
            what = (
                "step 1 complete, step 2 rendered"
                if table.startswith("insurance")
                else "an incomplete form, re-rendered"
            )
            lines.append(f"{table}: {info['url']}  ({what})" + where)
        lines.append(header)
        rows = list(dict.fromkeys(row for t, row, _ in results if t == table))
        for row in rows:
            lines += row_lines(
                LABELS[row], [(c, results[(table, row, c)]) for c in CONCURRENCY]
            )
        if table == BEACON:
            answered = sum(
                figures["requests"]
                for (t, _, _), figures in results.items()
                if t == BEACON
            )
            counted = sum(
                figures["counted"]
                for (t, _, _), figures in results.items()
                if t == BEACON
            )
            lines += [
                f"  Counted: {counted} beacons for {answered} answers wrk saw (the "
                "few more were queued",
                f"  when wrk stopped); {max(0, answered - counted)} not counted (a "
                "refusal answers 204 too).",
            ]
            article = cell("article", "origin", 32)
            if article:
                lines.append(
                    f"  Beside it, the article's origin row at 32 clients: "
                    f"{article['rps']:.1f} req/s, p50 {article['p50_ms']:.2f} ms, "
                    f"p99 {article['p99_ms']:.2f} ms."
                )
    for name, info in pages.items():
        if not info.get("url"):
            lines += ["", f"{name}: no such page in this build"]
    lines += ["", "static ceiling: nginx, the article's gzip bytes from a file", header]
    lines += row_lines("nginx", [(c, ceiling[c]) for c in CONCURRENCY])

    if publish:
        lines += publish_lines(publish, args)

    best_ceiling = max(ceiling[c]["rps"] for c in CONCURRENCY)
    lines.append("")
    varnish_row = "varnish hit" if cell("article", "varnish hit", 8) else "varnish pass"
    if cell("article", varnish_row, 8):
        warm = max(cell("article", varnish_row, c)["rps"] for c in CONCURRENCY)
        lines.append(
            f"Article through Varnish vs static ceiling: {warm:.0f} / {best_ceiling:.0f} "
            f"req/s = {100 * warm / best_ceiling:.0f} % (target >= 50 %)"
        )
    origin = cell("article", "origin", 32)
    if origin:
        lines.append(
            f"Article, origin with app caches warm: {origin['rps']:.0f} req/s at 32 "
            f"clients (target >= 250); p95 at 8 clients "
            f"{cell('article', 'origin', 8)['p95_ms']:.1f} ms (target < 50)"
        )
    full, crawl = cell("article", "full", 32), cell("article", "crawl", 32)
    if full and crawl:
        lines.append(
            f"Article, full render: {full['rps']:.0f} req/s at 32 clients, p95 at 8 "
            f"clients {cell('article', 'full', 8)['p95_ms']:.1f} ms; crawl: "
            f"{crawl['rps']:.0f} req/s, p95 {cell('article', 'crawl', 8)['p95_ms']:.1f} ms"
        )
    beacon = cell(BEACON, "origin", 32)
    if beacon:
        line = f"Insights beacon, origin: {beacon['rps']:.0f} req/s at 32 clients"
        if origin:
            verdict = "met" if beacon["rps"] >= origin["rps"] else "NOT met"
            line += (
                f", the article's origin row (the 'cold' row before 2026-12-03) "
                f"{origin['rps']:.0f} (target: beacon >= article; {verdict})"
            )
        lines.append(line + f"; p99 {beacon['p99_ms']:.1f} ms")
    if cell("search results", "origin", 8) and cell("search results", "new words", 8):
        lines.append(
            "Search p95 at 8 clients: one query repeated, app caches warm "
            f"{cell('search results', 'origin', 8)['p95_ms']:.1f} ms (target < 100); "
            f"new words {cell('search results', 'new words', 8)['p95_ms']:.1f} ms"
            + (
                f"; full render {cell('search results', 'full', 8)['p95_ms']:.1f} ms"
                if cell("search results", "full", 8)
                else ""
            )
        )
    if publish:
        figures = publish["figures"]
        lines.append(
            f"Publish under load: p95 {figures['each_p95_ms']:.1f} ms a request "
            f"(target <= 150) at {figures['rps']:.0f} req/s; a miss p95 "
            f"{figures['miss_p95_ms']:.0f} ms; wrk's corrected p95 {figures['p95_ms']:.1f} ms"
        )
    return "\n".join(lines)


def publish_lines(publish, args):
    """The publish under load's table and notes."""
    figures, varnish = publish["figures"], publish["varnish"]
    publishes = publish["publishes"]
    took = sorted(p["ms"] for p in publishes)
    dropped = (
        varnish["MAIN.n_obj_purged"]
        + varnish["MAIN.bans_obj_killed"]
        + varnish["MAIN.bans_lurker_obj_killed"]
    )
    lines = [
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
        purged = publishes[0]["purged"]
        hosts = list(dict.fromkeys(urllib.parse.urlsplit(url).netloc for url in purged))
        if len(hosts) > 1:
            # Every center's copy: the first center's addresses stand for all.
            purged = [
                f"{len(purged)} URLs on {len(hosts)} hosts; on {hosts[0]}:",
                *(
                    url
                    for url in purged
                    if urllib.parse.urlsplit(url).netloc == hosts[0]
                ),
            ]
        lines.append(
            f"  {len(took)} publishes took {took[0]:.0f}-{took[-1]:.0f} ms "
            f"(median {took[len(took) // 2]:.0f} ms) with their purges; Wagtail "
            f"purged, the first time: {' '.join(purged) or 'nothing'}"
        )
    if figures["logged"]:
        lines.append(
            f"  gunicorn logged {len(figures['logged'])} warnings meanwhile, e.g. "
            f"{figures['logged'][0][-90:]}"
        )
    return lines


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
    mode = f"-centers{args.centers}" if args.centers > 1 else ""
    path = RESULTS / f"{started:%Y-%m-%d-%H%M}-{args.articles}{mode}.md"
    command = " ".join(
        [
            "bench/run.py",
            f"--articles {args.articles}",
            f"--seconds {args.seconds}",
            f"--workers {args.workers}",
            f"--publish-seconds {args.publish_seconds}",
            f"--publish-every {args.publish_every}",
            f"--centers {args.centers}",
            *([f"--tables '{args.tables}'"] if args.tables else []),
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
        f"# Benchmark, {started:%Y-%m-%d %H:%M} UTC, {args.articles} articles, "
        f"centers={args.centers}\n\n"
        f"`{command}`\n\nCode: {code}.\n\n```text\n{text}\n```\n"
    )
    print(f"\nWritten to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
