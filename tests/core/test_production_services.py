"""Production wiring that needs real services: the shared Redis cache, JSON logs."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.tools import TEST_ENCRYPTION_KEY, require

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def run_python(code, **env):
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        # The development settings read REDIS_URL; the test settings pin a
        # local cache whatever it says.
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "evoke_site.settings.dev", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def redis_answers():
    import redis

    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


def test_separate_processes_share_the_redis_cache():
    require(redis_answers(), f"Redis must answer at {REDIS_URL} (CI starts it)")
    setup = "import django; django.setup(); from django.core.cache import cache; "
    write = run_python(
        setup + "cache.set('shared-check', 'from process one', 60)", REDIS_URL=REDIS_URL
    )
    assert write.returncode == 0, write.stderr
    read = run_python(
        setup + "print(cache.get('shared-check')); cache.delete('shared-check')",
        REDIS_URL=REDIS_URL,
    )
    assert read.stdout.strip() == "from process one", read.stderr


@pytest.mark.fault("outage")
def test_a_redis_outage_does_not_break_the_cache_calls():
    setup = "import django; django.setup(); from django.core.cache import cache; "
    result = run_python(
        setup + "cache.set('k', 1); print(cache.get('k', 'missed'))",
        REDIS_URL="redis://127.0.0.1:1/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "missed"


def test_production_logs_are_one_json_object_per_line():
    result = run_python(
        "import django, logging; django.setup(); "
        "logging.getLogger('evoke.check').warning('inquiry %s received', 42)",
        DJANGO_SETTINGS_MODULE="evoke_site.settings.production",
        ONE_MACHINE="true",
        SECRET_KEY="x" * 60,
        FIELD_ENCRYPTION_KEY=TEST_ENCRYPTION_KEY,
        LOG_FORMAT="json",
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.strip()]
    entry = next(line for line in lines if line["logger"] == "evoke.check")
    assert entry["level"] == "WARNING"
    assert entry["message"] == "inquiry 42 received"


CANARY = "canary-Quentin-overdose-7731"
FORCED_ERRORS = f"""
import django, logging
django.setup()
from django.test import Client, override_settings
from django.conf import settings
plain_static = {{
    **settings.STORAGES,
    "staticfiles": {{"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}},
}}
with override_settings(ROOT_URLCONF="tests.core.urls_raising", STORAGES=plain_static):
    response = Client(raise_request_exception=False).post(
        "/boom-quoting-the-post/?q={CANARY}", {{"message": "{CANARY}"}}, secure=True
    )
    print("status", response.status_code)
from tests.core.urls_raising import task_quoting_its_argument
task_quoting_its_argument.enqueue("{CANARY}")
try:
    try:
        raise KeyError("{CANARY}")
    except KeyError as exc:
        raise RuntimeError("wrapped {CANARY}") from exc
except RuntimeError:
    logging.getLogger("evoke.check").exception("inquiry 42 failed")
"""


@pytest.mark.parametrize("log_format", ["json", "plain"])
def test_no_log_line_carries_submitted_text_through_a_forced_error(log_format):
    result = run_python(
        FORCED_ERRORS,
        DJANGO_SETTINGS_MODULE="evoke_site.settings.production",
        ONE_MACHINE="true",
        SECRET_KEY="x" * 60,
        FIELD_ENCRYPTION_KEY=TEST_ENCRYPTION_KEY,
        ALLOWED_HOSTS="testserver",
        DATABASE_URL="sqlite:////nonexistent-dir/evoke-log-test.sqlite3",
        LOG_FORMAT=log_format,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "status 500" in result.stdout or "status 503" in result.stdout
    log = result.stderr
    # The errors were logged, with their tracebacks and exception types ...
    assert "django.request" in log and "Internal Server Error" in log
    assert "ValueError" in log and "boom_quoting_the_post" in log
    assert "django_tasks" in log and "task_quoting_its_argument" in log
    assert "KeyError" in log and "RuntimeError" in log
    # ... and nothing the visitor sent.
    assert CANARY not in log
