"""The deployable shape: one image for every app service, supervised services.

Docker cannot build here (no registry for base images), so these read the
Dockerfile and the compose file the way Docker would and check what matters.
"""

import io
import re
from pathlib import Path

from django.core.management import call_command

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
APP_SERVICES = {"web", "worker", "scheduler"}


@pytest.fixture
def services():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def dockerfile_instructions():
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def test_every_long_running_service_restarts_by_itself(services):
    assert {
        name: service.get("restart") for name, service in services.items()
    } == dict.fromkeys(services, "unless-stopped")


def test_app_services_run_the_built_image_and_install_nothing_at_start(services):
    for name in APP_SERVICES:
        service = services[name]
        assert service["build"] == "."
        assert service["image"] == "evoke-site:latest"
        command = service["command"]
        assert "pip install" not in command and "venv" not in command
        assert not any(volume.startswith(".:") for volume in service["volumes"])
        assert "media:/app/data/media" in service["volumes"]


def test_the_dockerfile_builds_a_slim_non_root_image_with_static_files():
    instructions = dockerfile_instructions()
    assert instructions[0] == "FROM python:3.11-slim"
    runs = " ".join(line for line in instructions if line.startswith("RUN "))
    assert "pip install -r requirements.txt" in runs
    assert "collectstatic --noinput" in runs
    user = [line for line in instructions if line.startswith("USER ")]
    assert user and user[-1] != "USER root"
    # The requirements are installed before the code is copied in, and the
    # image switches away from root before it starts anything.
    order = [line.split()[0] for line in instructions]
    assert instructions.index("COPY requirements.txt ./") < instructions.index(
        "COPY . ."
    )
    assert order.index("USER") < order.index("CMD")
    healthcheck = next(line for line in instructions if line.startswith("HEALTHCHECK"))
    assert "deploy/healthcheck.py" in healthcheck
    assert "/healthz" in (ROOT / "deploy" / "healthcheck.py").read_text()


def test_the_build_context_leaves_out_secrets_and_local_state():
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".env", ".git", ".venv", "data", "node_modules"} <= ignored


def test_the_image_command_and_the_scheduler_command_exist():
    cmd = next(line for line in dockerfile_instructions() if line.startswith("CMD"))
    assert re.search(r'"gunicorn", "evoke_site.wsgi:application"', cmd)
    assert (ROOT / "core" / "management" / "commands" / "run_scheduler.py").exists()


@pytest.mark.fault("outage")
def test_the_scheduler_runs_every_job_and_survives_one_failing(
    transactional_db, django_db_serialized_rollback
):
    # transactional_db: the scheduler runs outside any transaction, and the
    # close_old_connections() before each job closes a connection that is in one.
    out = io.StringIO()
    # prune_db_task_results refuses the test settings' immediate backend: the
    # loop logs that and still runs the other jobs.
    call_command("run_scheduler", "--once", stdout=out, stderr=io.StringIO())
    assert "pending inquiry notifications" in out.getvalue()
