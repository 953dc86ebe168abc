"""Uploaded images are served by a deployed site (production settings, real HTTP)."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings

import pytest

from tests.articles.conftest import make_picture
from tests.tools import TEST_ENCRYPTION_KEY, free_port

ROOT = Path(__file__).resolve().parents[2]


@contextlib.contextmanager
def production_server(tmp_path):
    """gunicorn with production settings, as the compose web service runs it."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "evoke_site.settings.production",
        "SECRET_KEY": "x" * 60,
        "FIELD_ENCRYPTION_KEY": TEST_ENCRYPTION_KEY,
        "ONE_MACHINE": "true",
        "DATA_DIR": str(tmp_path),
        "ALLOWED_HOSTS": "localhost",
        "SECURE_SSL_REDIRECT": "false",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        # Images need no database: an outage leaves them showing.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "evoke_site.wsgi:application"]
        + ["--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def fetch(url):
    request = urllib.request.Request(url, headers={"Host": "localhost"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.mark.django_db
def test_a_deployed_site_serves_renditions_and_originals(tmp_path):
    image = make_picture("Hero")
    rendition = image.get_rendition("fill-32x18|format-webp")
    document_dir = Path(settings.MEDIA_ROOT) / "documents"
    document_dir.mkdir(parents=True, exist_ok=True)
    (document_dir / "private-note.pdf").write_bytes(b"%PDF-1.4 private")
    with production_server(tmp_path) as base:
        status, headers, body = fetch(base + rendition.url)
        assert status == 200
        assert headers["Content-Type"] == "image/webp"
        assert body == Path(rendition.file.path).read_bytes()
        assert "max-age=31536000" in headers["Cache-Control"]
        assert "public" in headers["Cache-Control"]
        status, headers, _ = fetch(base + image.file.url)
        assert status == 200 and headers["Content-Type"].startswith("image/")
        # Documents keep going through Wagtail's view and its privacy checks.
        # (Without a database the not-found page itself cannot render, so
        # these answer an error page rather than 404: never the file.)
        for path in (
            "/media/documents/private-note.pdf",
            "/media/images/../documents/private-note.pdf",
            "/media/images/%2e%2e/documents/private-note.pdf",
            "/media/original_images/missing.png",
        ):
            status, _, body = fetch(base + path)
            assert status != 200 and b"private" not in body


@pytest.mark.parametrize(
    "path",
    [
        "/media/documents/private-note.pdf",
        "/media/images/../documents/private-note.pdf",
        "/media/images/missing.webp",
        "/media/images/",
    ],
)
def test_only_existing_images_are_served(client, center, path):
    document_dir = Path(settings.MEDIA_ROOT) / "documents"
    document_dir.mkdir(parents=True, exist_ok=True)
    (document_dir / "private-note.pdf").write_bytes(b"%PDF-1.4 private")
    assert client.get(path).status_code == 404
