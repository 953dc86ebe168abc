"""The content generation (core.generation) as operators meet it: a Redis that
blips, several processes without Redis, a test run beside a real Redis."""

import contextlib
import logging
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.test import override_settings

import pytest

from core import generation
from evoke_site.settings.base import shared_caches
from tests.pages import make_standard_page
from tests.tools import free_port, require_program

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def own_redis():
    """A Redis of this test's own, which it can freeze like a host that drops
    packets and thaw with its data intact."""
    server = require_program("redis-server", "apt-get install redis-server")
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
        stdout=subprocess.DEVNULL,
    )
    import redis

    client = redis.Redis(port=port)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with contextlib.suppress(redis.RedisError):
            client.ping()
            break
        time.sleep(0.05)
    try:
        with tempfile.TemporaryDirectory() as files:
            caches = shared_caches(f"redis://127.0.0.1:{port}/0", files)
            with override_settings(CACHES=caches):
                yield process
    finally:
        os.kill(process.pid, signal.SIGCONT)
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.fault("outage")
def test_a_change_made_while_redis_blips_is_shown_once_it_answers(
    own_redis, client, center, home_page, committed, caplog, monkeypatch
):
    monkeypatch.setattr(generation, "RETRY_SECONDS", 1)
    page = make_standard_page(home_page, "Visiting hours", introduction="Sundays.")
    client.get(page.url)
    before = generation.read()

    os.kill(own_redis.pid, signal.SIGSTOP)  # packets go unanswered
    with caplog.at_level(logging.WARNING, logger="core.generation"):
        with committed():
            page.introduction = "Saturdays and Sundays."
            page.save_revision().publish()
        # Visitors still get pages, rendered afresh, and only the first
        # request waits for the cache's socket timeout.
        started = time.monotonic()
        for _ in range(5):
            html = client.get(page.url).content.decode()
            assert "Saturdays and Sundays." in html
        assert time.monotonic() - started < 2.5
    assert any(record.levelname == "ERROR" for record in caplog.records)

    os.kill(own_redis.pid, signal.SIGCONT)  # back, with its old generation
    time.sleep(1.1)
    assert generation.read() != before
    assert "Saturdays and Sundays." in client.get(page.url).content.decode()


def watch_generation(env):
    """A long-running process (a web worker) that prints the generation it
    reads each time it is sent a line."""
    code = (
        "import sys, django; django.setup(); from core import generation\n"
        "for _ in sys.stdin: print(generation.read(), flush=True)\n"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def test_without_redis_every_process_of_the_machine_sees_a_change():
    """`make run`, a cron `publish_scheduled` and a shell share no Redis:
    a bump from one is read by the others on their next request."""
    with tempfile.TemporaryDirectory() as data:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "evoke_site.settings.dev",
            "DATA_DIR": data,
            "REDIS_URL": "",
        }
        worker = watch_generation(env)
        try:
            worker.stdin.write("\n")
            worker.stdin.flush()
            seen = worker.stdout.readline().strip()
            bump = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    "import django; django.setup(); from core import generation; "
                    "generation.bump_now()",
                ],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert bump.returncode == 0, bump.stderr
            worker.stdin.write("\n")
            worker.stdin.flush()
            assert worker.stdout.readline().strip() != seen
        finally:
            worker.stdin.close()
            worker.wait(timeout=30)


def test_the_test_settings_never_use_a_real_shared_cache():
    """The suite clears its cache before every test: with REDIS_URL set in the
    environment it must still clear only its own memory."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(sorted({c['BACKEND'] for c in settings.CACHES.values()}))",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "evoke_site.settings.test",
            "REDIS_URL": "redis://127.0.0.1:6379/0",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "redis" not in result.stdout.lower()
