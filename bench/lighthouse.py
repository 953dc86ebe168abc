"""Lighthouse scores of each page type, served in the production shape on this machine.

    .venv/bin/python bench/lighthouse.py [--runs 3] [--reports DIR]

Loads the demo content into a fresh PostgreSQL database and serves it with
gunicorn, production settings, collected static files and a Redis of its own,
on a free port. Runs Lighthouse (bench/node_modules/.bin/lighthouse, the default
mobile preset, Debian's Chromium) on each page `--runs` times and keeps the
median run by performance score: its four category scores and LCP, CLS and
TBT. Prints a markdown table, then the failing audits of every page under 100
in a category (or under 95 in performance), and writes both to bench/results/.
Needs PostgreSQL, redis-server, /usr/bin/chromium and, in bench/, `npm ci
--ignore-scripts` (kept apart from the test tools, so CI does not install it).
"""

import argparse
import contextlib
import json
import os
import secrets
import shutil
import subprocess
import tempfile
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from cryptography.fernet import Fernet
from run import (
    PG,
    PYTHON,
    RESULTS,
    ROOT,
    free_port,
    run,
    start_gunicorn,
    stop,
    wait_for,
)

LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
)
DATABASE = "evoke_lighthouse"
ADMIN_URL = f"{PG}/postgres"
PAGES = {
    "home": "/",
    "article": "/articles/how-heroin-can-lead-to-depression/",
    "program": "/treatment-programs/heroin-rehab/",
    "contact": "/contact/",
    "article index": "/articles/",
    "programs index": "/treatment-programs/",
    "location": "/waltham/",
    "standard page": "/insurance/",
    "search results": "/search/?q=heroin",
}
CATEGORIES = {
    "performance": "performance",
    "accessibility": "accessibility",
    "best-practices": "best practices",
    "seo": "SEO",
}
# Below these a page's failing audits are listed: performance varies from run
# to run by a few points, the other categories do not.
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
# Audits that pass or fail; "informative" and "manual" ones have no verdict.
SCORED = {"binary", "numeric", "metricSavings"}
ATTEMPTS = 3


def drop_database(env):
    # FORCE: a run that was stopped may have left gunicorn's connections open.
    command = f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"
    run(["psql", ADMIN_URL, "-qc", command], env)


def lighthouse(url, output):
    """One run's report. A run whose trace came out broken (NO_NAVSTART, NO_FCP)
    is run again, as Lighthouse asks: it says nothing about the page."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={output}",
        f"--chrome-path={CHROMIUM}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--quiet",
    ]
    for _ in range(ATTEMPTS):
        output.unlink(missing_ok=True)
        failed = subprocess.run(command, cwd=ROOT).returncode
        report = json.loads(output.read_text()) if output.exists() else {}
        error = report.get("runtimeError", {}).get("message")
        if not failed and report and not error:
            return report
        print(f"   run again: {error or f'exit status {failed}'}")
    raise SystemExit(f"Lighthouse failed {ATTEMPTS} times on {url}")


def score(report, category):
    return round(100 * (report["categories"][category]["score"] or 0))


def median_run(reports):
    return sorted(reports, key=lambda report: score(report, "performance"))[
        len(reports) // 2
    ]


def table(medians):
    lines = [
        "| page | " + " | ".join(CATEGORIES.values()) + " | LCP | CLS | TBT |",
        "|---" * (len(CATEGORIES) + 4) + "|",
    ]
    for name, report in medians.items():
        audits = report["audits"]
        scores = " | ".join(str(score(report, c)) for c in CATEGORIES)
        lines.append(
            f"| {name} `{PAGES[name]}` | {scores} "
            f"| {audits['largest-contentful-paint']['numericValue'] / 1000:.1f} s "
            f"| {audits['cumulative-layout-shift']['numericValue']:.3f} "
            f"| {audits['total-blocking-time']['numericValue']:.0f} ms |"
        )
    return lines


def failing_audits(medians):
    lines = []
    for name, report in medians.items():
        below = [c for c in CATEGORIES if score(report, c) < TARGETS[c]]
        if not below:
            continue
        lines += ["", f"### {name} `{PAGES[name]}`", ""]
        seen = set()
        for category in below:
            for ref in report["categories"][category]["auditRefs"]:
                audit = report["audits"][ref["id"]]
                if (
                    ref["id"] in seen
                    or audit["scoreDisplayMode"] not in SCORED
                    or audit["score"] is None
                    or audit["score"] >= 1
                ):
                    continue
                seen.add(ref["id"])
                value = audit.get("displayValue") or f"score {audit['score']:.2f}"
                lines.append(
                    f"- {CATEGORIES[category]}: `{ref['id']}`: {audit['title']} ({value})"
                )
    return lines


def machine_note(reports):
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown CPU",
    )
    node = subprocess.run(
        ["node", "--version"], capture_output=True, text=True
    ).stdout.strip()
    # Lighthouse times a fixed loop before each run: a range much wider than a
    # few percent means something else shared the CPU.
    indexes = sorted(report["environment"]["benchmarkIndex"] for report in reports)
    return (
        f"Machine: {os.cpu_count()} cores, {cpu}; Lighthouse "
        f"{reports[0]['lighthouseVersion']} on Node {node}, "
        f"{reports[0]['environment']['hostUserAgent']}; Lighthouse's benchmark "
        f"index {indexes[0]:.0f}-{indexes[-1]:.0f} over the runs; default mobile "
        "preset (simulated slow 4G, 4x CPU slowdown); gunicorn 2 sync workers, "
        "no Varnish (so no HTML compression)."
    )


def code_note():
    git = ["git", "--no-optional-locks", "-C", str(ROOT)]
    commit = subprocess.run(
        [*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    changed = [
        line[3:]
        for line in subprocess.run(
            [*git, "status", "--porcelain"], capture_output=True, text=True
        ).stdout.splitlines()
        if "bench/results/" not in line
    ]
    if changed:
        return f"commit {commit}, plus uncommitted changes (measured): " + ", ".join(
            changed
        )
    return f"commit {commit}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="per page")
    parser.add_argument(
        "--reports", type=Path, help="keep every Lighthouse JSON report here"
    )
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit(
            f"{LIGHTHOUSE} is missing: cd bench && npm ci --ignore-scripts"
        )
    started = datetime.now(UTC)
    code = code_note()  # before the server reads the templates and static files
    work = Path(tempfile.mkdtemp(prefix="evoke-lighthouse-"))
    reports_dir = args.reports.resolve() if args.reports else work / "reports"
    reports_dir.mkdir(parents=True, exist_ok=True)
    port, redis_port = free_port(), free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "evoke_site.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "DATABASE_URL": f"{PG}/{DATABASE}",
        # A Redis of its own: kept parts are keyed by a generation number that
        # another database on a shared Redis may have reached too.
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on 127.0.0.1, which Chromium counts as a secure origin.
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
        "LOG_LEVEL": "WARNING",
    }
    processes = []
    try:
        processes.append(
            subprocess.Popen(
                ["redis-server", "--bind", "127.0.0.1", "--port", str(redis_port)]
                + ["--save", "", "--appendonly", "no", "--dir", str(work)],
                stdout=subprocess.DEVNULL,
            )
        )
        print(f"== database {DATABASE} with demo content, static files collected")
        drop_database(env)
        run(["psql", ADMIN_URL, "-qc", f"CREATE DATABASE {DATABASE}"], env)
        run([PYTHON, "manage.py", "migrate", "-v0", "--noinput"], env)
        run(
            [
                PYTHON,
                "manage.py",
                "load_demo_content",
                "--address",
                f"127.0.0.1:{port}",
            ],
            env,
            stdout=subprocess.DEVNULL,
        )
        run([PYTHON, "manage.py", "collectstatic", "-v0", "--noinput"], env)
        gunicorn = start_gunicorn(env, port, 2, work / "gunicorn.log")
        processes.append(gunicorn)
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/healthz", gunicorn)
        for path in PAGES.values():
            # A missing page fails here, before any run; and the server is warm,
            # as a long-running one is.
            for _ in range(2):
                urllib.request.urlopen(base + path, timeout=30).read()  # noqa: S310

        runs = {}
        for name, path in PAGES.items():
            print(f"== {name} {path}: {args.runs} runs")
            runs[name] = [
                lighthouse(
                    base + path, reports_dir / f"{name.replace(' ', '-')}-{i}.json"
                )
                for i in range(1, args.runs + 1)
            ]
    finally:
        for process in reversed(processes):
            stop(process)
        with contextlib.suppress(subprocess.CalledProcessError):
            drop_database(env)
        shutil.rmtree(work, ignore_errors=True)

    medians = {name: median_run(reports) for name, reports in runs.items()}
    text = "\n".join(
        [
            *table(medians),
            "",
            f"## Failing audits (under {TARGETS['performance']} in performance or "
            "under 100 elsewhere; the median run)",
            *(failing_audits(medians) or ["", "None."]),
        ]
    )
    note = machine_note([r for reports in runs.values() for r in reports])
    print(f"\n{note}\n\n{text}")
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"lighthouse-{started:%Y-%m-%d-%H%M}.md"
    command = f"bench/lighthouse.py --runs {args.runs}"
    path.write_text(
        f"# Lighthouse, {started:%Y-%m-%d %H:%M} UTC\n\n`{command}`\n\n"
        f"{note}\n\nCode: {code}.\n\n"
        f"Median of {args.runs} runs per page (by performance score).\n\n{text}\n"
    )
    print(f"\nWritten to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
