"""The project as a newcomer and an operator meet it: commands, settings, compose."""

import os
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command

import yaml

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
