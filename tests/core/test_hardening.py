"""Security headers, the health check, and the site's behaviour when the database fails."""

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.db import connection

from wagtail.models import Site

import pytest

from home.models import HomePage
from tests.tools import TEST_ENCRYPTION_KEY, ensure_page_tree_root, free_port

ROOT = Path(__file__).resolve().parents[2]


def test_healthz_reports_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_public_pages_send_a_strict_content_security_policy(client, center):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy + ";"
    assert "unsafe-inline" not in policy
    assert "object-src 'none'" in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in policy
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_only_the_admin_gets_the_relaxed_policy(client, db):
    policy = client.get("/admin/login/")["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    # Page previews are the admin framing its own pages.
    assert "frame-ancestors 'self'" in policy


def test_signed_out_the_second_sign_in_step_leads_to_the_admin_login(client, db):
    response = client.get("/two-factor/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/two-factor/"


def production_setting(name, **env):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            f"print(settings.{name})",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "evoke_site.settings.production",
            "SECRET_KEY": "x" * 60,
            "FIELD_ENCRYPTION_KEY": TEST_ENCRYPTION_KEY,
            "ONE_MACHINE": "true",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.stdout.strip() or result.stderr


def test_production_mail_is_encrypted_unless_plain_text_is_chosen():
    assert production_setting("EMAIL_USE_TLS") == "True"
    assert production_setting("EMAIL_USE_TLS", EMAIL_USE_SSL="true") == "False"
    assert production_setting("EMAIL_USE_SSL", EMAIL_USE_SSL="true") == "True"
    refused = production_setting("EMAIL_USE_TLS", EMAIL_USE_TLS="false")
    assert "ImproperlyConfigured" in refused and "EMAIL_ALLOW_PLAINTEXT" in refused
    assert (
        production_setting(
            "EMAIL_USE_TLS", EMAIL_USE_TLS="false", EMAIL_ALLOW_PLAINTEXT="true"
        )
        == "False"
    )


class TcpProxy:
    """A switchable TCP relay: 'down' refuses and cuts connections, like a stopped server."""

    def __init__(self, target_port):
        self.target = ("127.0.0.1", target_port)
        self.port = free_port()
        self.listener = None
        self.sockets = []

    def up(self):
        self.listener = socket.create_server(("127.0.0.1", self.port), reuse_port=True)
        threading.Thread(
            target=self._accept, args=(self.listener,), daemon=True
        ).start()

    def down(self):
        # shutdown() wakes the thread blocked in accept(); close() alone would not.
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
                sock.close()
        self.sockets = []

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source, dest):
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                dest.sendall(data)


@contextlib.contextmanager
def site_server(database_url):
    """The site under gunicorn in its own process, as production runs it."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "evoke_site.settings.test",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "evoke_site.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--timeout",
            "30",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def fetch(url):
    request = urllib.request.Request(url, headers={"Host": "localhost"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.mark.fault("outage")
def test_with_the_database_unreachable_pages_answer_503_with_the_phone():
    dead = f"postgres://postgres@127.0.0.1:{free_port()}/nowhere"
    with site_server(dead) as base:
        status, html = fetch(base + "/")
        assert status == 503
        assert "tel:+18662761920" in html
        assert "briefly unavailable" in html
        # A Spanish page's visitor is told in Spanish.
        status, html = fetch(base + "/es/programas-de-tratamiento/")
        assert status == 503
        assert '<html lang="es">' in html and "tel:+18662761920" in html
        assert "Nuestro sitio web no está disponible por un momento" in html
        status, _ = fetch(base + "/healthz")
        assert status == 503


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_site_recovers_by_itself_when_the_database_returns():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no database server to stop; runs on PostgreSQL in CI")
    home = HomePage(title="Evoke Wellness", slug="evoke-home")
    ensure_page_tree_root().add_child(instance=home)
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True
    )
    settings = connection.settings_dict
    proxy = TcpProxy(int(settings["PORT"] or 5432))
    proxy.up()
    url = f"postgres://{settings['USER']}@127.0.0.1:{proxy.port}/{settings['NAME']}"
    with site_server(url) as base:
        assert fetch(base + "/healthz")[0] == 200
        proxy.down()
        assert fetch(base + "/healthz")[0] == 503
        status, html = fetch(base + "/")
        assert status == 503 and "tel:+18662761920" in html
        proxy.up()
        assert fetch(base + "/healthz")[0] == 200
        status, html = fetch(base + "/")
        assert status == 200 and "tel:+18662761920" in html
    proxy.down()
