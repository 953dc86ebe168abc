"""Small web servers on this machine that answer as other sites do (fine,
missing, failing, looping, hanging, refusing HEAD), recording each request."""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

# Longer than any timeout the tests give the checker.
HANG_SECONDS = 3


class Handler(BaseHTTPRequestHandler):
    def do_HEAD(self):
        self.answer(with_body=False)

    def do_GET(self):
        self.answer(with_body=True)

    def answer(self, with_body):
        server = self.server
        started = time.monotonic()
        with server.lock:
            server.in_flight += 1
            server.peak = max(server.peak, server.in_flight)
        try:
            status, headers = self.route(with_body)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "2")
            self.end_headers()
            if with_body:
                self.wfile.write(b"ok")
        finally:
            with server.lock:
                server.in_flight -= 1
                server.requests.append(
                    (self.command, self.path, started, time.monotonic())
                )

    def route(self, with_body):
        path = urlsplit(self.path).path
        if path == "/hang":
            time.sleep(HANG_SECONDS)
            return 200, {}
        if path == "/slow":
            time.sleep(self.server.slow_seconds)
            return 200, {}
        if path in self.server.fixed:
            return 200, {}
        if path == "/missing":
            return 404, {}
        if path == "/error":
            return 500, {}
        if path == "/loop":
            return 302, {"Location": "/loop-back"}
        if path == "/loop-back":
            return 302, {"Location": "/loop"}
        if path == "/moved":
            return 301, {"Location": "/ok"}
        if path == "/no-head":
            return (200, {}) if with_body else (405, {})
        return 200, {}

    def log_message(self, *args):
        pass  # keep the test output quiet


class LinkServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host="127.0.0.1"):
        super().__init__((host, 0), Handler)
        self.lock = threading.Lock()
        self.requests = []
        self.in_flight = 0
        self.peak = 0
        self.slow_seconds = 0.3
        self.fixed = set()  # paths that answer 200 from now on

    def handle_error(self, request, client_address):
        pass  # a checker that timed out has hung up: nothing to report

    @property
    def url(self):
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


def start_server(host="127.0.0.1"):
    server = LinkServer(host)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def link_server():
    server = start_server()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def only_this_machine(monkeypatch):
    """Refuse any connection to another machine, and use no proxy."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
    connect = socket.socket.connect

    def local_only(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            host = address[0]
            if not (host.startswith("127.") or host == "::1"):
                raise AssertionError(f"a test tried to reach {host}")
        return connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", local_only)
