"""The notification worker through a real database outage (its own PostgreSQL).

A throwaway PostgreSQL cluster is started for this test alone, so stopping it
disturbs nobody else's database.
"""

import contextlib
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.tools import TEST_ENCRYPTION_KEY, free_port, require

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = next(iter(sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)), "")

CREATE_AND_QUEUE = """
from wagtail.models import Site
from contact.models import Inquiry, InquirySettings
from contact.tasks import notify_admissions
inquiry_settings = InquirySettings.for_site(Site.objects.get(is_default_site=True))
inquiry_settings.notification_emails = "admissions@example.org"
inquiry_settings.save()
inquiry = Inquiry.objects.create(name="Sam", help_for="myself", consent_to_contact=True)
notify_admissions.enqueue(inquiry_id=inquiry.pk)
print(inquiry.pk)
"""


def as_postgres(*command):
    # initdb and the server refuse to run as root.
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run(
        [*prefix, *command], check=True, capture_output=True, text=True, timeout=60
    )


class ThrowawayPostgres:
    def __init__(self, directory):
        self.data = Path(directory) / "data"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/evoke"

    def init(self):
        as_postgres(f"{PG_BIN}/initdb", "-D", str(self.data), "-A", "trust")
        self.start()
        as_postgres(
            f"{PG_BIN}/createdb", "-h", "127.0.0.1", "-p", str(self.port), "evoke"
        )

    def start(self):
        options = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1"
        # -l: the server's output goes to a file, not the pipe we wait on.
        log = str(self.data.parent / "server.log")
        as_postgres(
            f"{PG_BIN}/pg_ctl",
            *("-D", str(self.data), "-o", options, "-l", log, "-w", "start"),
        )

    def stop(self):
        as_postgres(f"{PG_BIN}/pg_ctl", "-D", str(self.data), "-m", "fast", "stop")

    def query(self, sql, *params):
        import psycopg

        with psycopg.connect(self.url, connect_timeout=3) as connection:
            return connection.execute(sql, params).fetchall()


@pytest.fixture
def postgres():
    require(
        PG_BIN and os.path.exists(f"{PG_BIN}/initdb"),
        "PostgreSQL server programs are needed (apt install postgresql)",
    )
    directory = tempfile.mkdtemp(prefix="evoke-worker-pg-")
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
    cluster = ThrowawayPostgres(directory)
    try:
        cluster.init()
        yield cluster
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            cluster.stop()
        shutil.rmtree(directory, ignore_errors=True)


def app_env(cluster, tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "evoke_site.settings.production",
        "SECRET_KEY": "x" * 60,
        "FIELD_ENCRYPTION_KEY": TEST_ENCRYPTION_KEY,
        "ONE_MACHINE": "true",
        "DATA_DIR": str(tmp_path),
        "DATABASE_URL": cluster.url,
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "LOG_FORMAT": "plain",
    }
    env.pop("REDIS_URL", None)
    return env


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )


def notified(cluster, inquiry_id, within):
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            rows = cluster.query(
                "SELECT notified_at FROM contact_inquiry WHERE id = %s", inquiry_id
            )
            if rows and rows[0][0] is not None:
                return True
        time.sleep(0.5)
    return False


@pytest.mark.fault("outage")
def test_the_worker_survives_a_database_restart_and_notifies_the_next_inquiry(
    postgres, tmp_path
):
    env = app_env(postgres, tmp_path)
    manage(env, "migrate", "--noinput")
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_inquiry_worker", "--max-pause", "2"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        first = int(manage(env, "shell", "-c", CREATE_AND_QUEUE).stdout.split()[-1])
        assert notified(postgres, first, within=60)

        postgres.stop()
        time.sleep(5)  # the worker polls every second: it meets the outage
        postgres.start()

        second = int(manage(env, "shell", "-c", CREATE_AND_QUEUE).stdout.split()[-1])
        assert notified(postgres, second, within=60)
        # Nobody restarted it: the same process met the outage and carried on.
        assert worker.poll() is None
        output = (tmp_path / "worker.log").read_text()
        assert "Inquiry worker stopped; starting again" in output
        assert output.count("New website inquiry") == 2
    finally:
        worker.terminate()
        worker.wait(timeout=15)
        log.close()
