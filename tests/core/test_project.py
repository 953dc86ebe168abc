"""The project as a newcomer and an operator meet it: commands, settings, compose."""

import os
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command

import yaml

from tests.tools import TEST_ENCRYPTION_KEY

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, env_overrides=None, unset=()):
    env = {**os.environ, **(env_overrides or {})}
    for name in unset:
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_models_and_migrations_agree(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_production_settings_refuse_to_start_without_secret_key():
    result = run_manage(
        "check",
        env_overrides={"DJANGO_SETTINGS_MODULE": "evoke_site.settings.production"},
        unset=["SECRET_KEY"],
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "ImproperlyConfigured" in result.stderr


def test_production_settings_pass_the_deploy_check():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={
            "DJANGO_SETTINGS_MODULE": "evoke_site.settings.production",
            "SECRET_KEY": "a-long-random-production-secret-" + "x7Q!" * 10,
            "FIELD_ENCRYPTION_KEY": TEST_ENCRYPTION_KEY,
            "ALLOWED_HOSTS": "www.example.org",
            "REDIS_URL": "redis://127.0.0.1:6379/15",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_a_shared_cache():
    """Web workers, the task worker and cron commands disagree about what is
    published unless they share one cache."""
    production = {
        "DJANGO_SETTINGS_MODULE": "evoke_site.settings.production",
        "SECRET_KEY": "a-long-random-production-secret-" + "x7Q!" * 10,
        "FIELD_ENCRYPTION_KEY": TEST_ENCRYPTION_KEY,
    }
    result = run_manage("check", env_overrides=production, unset=["REDIS_URL"])
    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr and "ONE_MACHINE" in result.stderr
    one_machine = run_manage(
        "check",
        env_overrides={**production, "ONE_MACHINE": "true"},
        unset=["REDIS_URL"],
    )
    assert one_machine.returncode == 0, one_machine.stderr


def test_production_settings_refuse_to_start_without_the_encryption_key():
    production = {
        "DJANGO_SETTINGS_MODULE": "evoke_site.settings.production",
        "SECRET_KEY": "a-long-random-production-secret-" + "x7Q!" * 10,
        "ONE_MACHINE": "true",
    }
    missing = run_manage(
        "check", env_overrides=production, unset=["FIELD_ENCRYPTION_KEY"]
    )
    assert missing.returncode != 0
    assert "FIELD_ENCRYPTION_KEY" in missing.stderr
    assert "ImproperlyConfigured" in missing.stderr
    not_a_key = run_manage(
        "check", env_overrides={**production, "FIELD_ENCRYPTION_KEY": "secret"}
    )
    assert not_a_key.returncode != 0
    assert "not a Fernet key" in not_a_key.stderr


def test_make_run_gives_the_local_site_its_own_encryption_key(tmp_path):
    """The development settings read the key `make run` wrote under DATA_DIR."""
    key_file = tmp_path / "field-encryption.key"
    made = run_manage("new_encryption_key", "--into", str(key_file))
    assert made.returncode == 0, made.stderr
    read = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.FIELD_ENCRYPTION_KEYS)",
        env_overrides={
            "DJANGO_SETTINGS_MODULE": "evoke_site.settings.dev",
            "DATA_DIR": str(tmp_path),
        },
        unset=["FIELD_ENCRYPTION_KEY"],
    )
    assert read.returncode == 0, read.stderr
    assert key_file.read_text().strip() in read.stdout
    assert (
        "new_encryption_key --into data/field-encryption.key"
        in (ROOT / "Makefile").read_text()
    )


def test_docker_compose_has_the_production_shape():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"varnish", "web", "db", "redis", "worker", "scheduler"} <= set(services)
    assert services["db"]["image"].startswith("postgres:16")
    assert "healthcheck" in services["db"]
    web = services["web"]
    env = web["environment"]
    assert env["DJANGO_SETTINGS_MODULE"] == "evoke_site.settings.production"
    assert env["DATABASE_URL"].startswith("postgres://")
    assert "@db:5432/" in env["DATABASE_URL"]
    assert env["REDIS_URL"].startswith("redis://redis:")
    assert env["FRONTEND_CACHE_URL"] == "http://varnish:80"
    assert "migrate" in web["command"] and "gunicorn" in web["command"]
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    assert "run_inquiry_worker" in services["worker"]["command"]
    assert "run_scheduler" in services["scheduler"]["command"]
    varnish = services["varnish"]
    assert (
        "./deploy/varnish/default.vcl:/etc/varnish/default.vcl:ro" in varnish["volumes"]
    )
    assert {"db-data", "media"} <= set(compose["volumes"])
    vcl = (ROOT / "deploy" / "varnish" / "default.vcl").read_text()
    assert '.host = "web";' in vcl and '.port = "8000";' in vcl


def test_env_example_lists_every_variable_the_settings_read():
    settings_text = "".join(
        p.read_text() for p in (ROOT / "evoke_site" / "settings").glob("*.py")
    )
    import re

    names = set(re.findall(r'env(?:_bool|_list)?\(\s*"([A-Z_]+)"', settings_text))
    names |= set(re.findall(r'environ\.get\(\s*"([A-Z_]+)"', settings_text))
    names |= set(re.findall(r'require_env\(\s*"([A-Z_]+)"', settings_text))
    example = (ROOT / ".env.example").read_text()
    listed = set(re.findall(r"^([A-Z_]+)=", example, flags=re.M))
    assert names - listed == set()
