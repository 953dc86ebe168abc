"""Asking other sites whether the addresses our pages link to still answer.

Politely: a few requests at a time in all (a thread pool), at most one at a
time to any host with a pause between two, a timeout on each request, HEAD
first (no body to send) and GET only when HEAD gets no good answer. Redirects
are followed here rather than by urllib, so every hop waits its host's turn
and a loop is named as one. Only public addresses are asked: a link (or a
redirect) to this server's own network is reported, not requested.
"""

import http.client
import ipaddress
import logging
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

logger = logging.getLogger(__name__)

USER_AGENT = "EvokeLinkCheck/1.0 (checks the links on this center's website)"
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class Result:
    status: int | None = None
    error: str = ""

    @property
    def broken(self):
        # 429 says "ask less often", not that the page is gone.
        if self.error:
            return True
        return self.status is not None and self.status >= 400 and self.status != 429


class _Refused(Exception):
    """A hop this checker will not make, with the reason an editor reads."""


class _Final(Exception):
    """No answer, and asking again with GET would not get one."""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        # Each hop is made by LinkChecker.follow, in its host's turn.
        return None


class HostTurns:
    """At most one request at a time to each host, `delay` seconds apart."""

    def __init__(self, delay):
        self.delay = delay
        self.guard = threading.Lock()
        self.locks = {}
        self.last = {}

    def lock_for(self, host):
        with self.guard:
            return self.locks.setdefault(host, threading.Lock())

    def run(self, host, call):
        with self.lock_for(host):
            wait = self.last.get(host, float("-inf")) + self.delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                return call()
            finally:
                self.last[host] = time.monotonic()


class LinkChecker:
    def __init__(
        self,
        *,
        timeout=10.0,
        workers=4,
        host_delay=1.0,
        allow_private_addresses=False,
    ):
        self.timeout = timeout
        self.workers = workers
        self.turns = HostTurns(host_delay)
        self.allow_private_addresses = allow_private_addresses
        self.opener = urllib.request.build_opener(_NoRedirects)

    def check_all(self, urls, deadline=None):
        """{url: Result} for `urls`, checked in the order given, per host.

        Each host's addresses are checked one after another by one worker,
        so the workers never wait on each other's hosts. Past `deadline` (a
        time.monotonic() value) no new address is started; those left out
        are simply missing from the answer.
        """
        by_host = {}
        for url in urls:
            by_host.setdefault(host_of(url), []).append(url)
        results = {}
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            futures = [
                pool.submit(self._check_host, host_urls, deadline)
                for host_urls in by_host.values()
            ]
            for future in as_completed(futures):
                results.update(future.result())
        return results

    def _check_host(self, urls, deadline):
        results = {}
        for url in urls:
            if deadline is not None and time.monotonic() >= deadline:
                break
            try:
                results[url] = self.check(url)
            except Exception as failure:  # noqa: BLE001 - one address must not stop the rest
                # The kind of failure only: its message may quote the address.
                logger.error(
                    "Link check: one address failed with %s", type(failure).__name__
                )
                results[url] = Result(error="Check failed")
        return results

    def check(self, url):
        """The answer `url` gets: HEAD, then GET if HEAD got no good answer."""
        try:
            try:
                status = self.follow(url, "HEAD")
            except OSError:
                status = None  # the connection dropped: some servers drop HEAD
            if status is not None and status < 400:
                return Result(status=status)
            # An error status or no answer to HEAD: many servers refuse HEAD
            # (405, 403, 501) or answer it wrongly, so GET has the last word.
            try:
                return Result(status=self.follow(url, "GET"))
            except OSError:
                return Result(error="Connection failed")
        except (_Refused, _Final) as reason:
            return Result(error=str(reason))
        except ValueError:
            return Result(error="Not a valid address")

    def follow(self, url, method):
        """The final status of `url`, following redirects hop by hop."""
        seen = {url}
        for _ in range(MAX_REDIRECTS + 1):
            status, location = self.ask(url, method)
            if status not in (301, 302, 303, 307, 308) or not location:
                return status
            url = urljoin(url, location)
            if url in seen:
                raise _Final("Redirect loop")
            seen.add(url)
        raise _Final(f"More than {MAX_REDIRECTS} redirects")

    def ask(self, url, method):
        """One request: (status, Location header)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise _Refused("Not a web address")
        host = parts.hostname.lower()
        self.check_address(host, parts.port or (443 if parts.scheme == "https" else 80))
        # Only http and https get here (checked above), never file: or ftp:.
        request = urllib.request.Request(  # noqa: S310
            url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"}
        )

        def call():
            try:
                # Only the status and headers are read, never the body.
                with self.opener.open(request, timeout=self.timeout) as response:
                    return response.status, response.headers.get("Location")
            except urllib.error.HTTPError as answer:
                answer.close()
                return answer.code, answer.headers.get("Location")
            except urllib.error.URLError as failure:
                raise self.named(failure.reason) from failure
            except (OSError, http.client.HTTPException) as failure:
                raise self.named(failure) from failure

        return self.turns.run(host, call)

    def named(self, reason):
        """The reason for no answer, as a final error or an OSError to retry."""
        if isinstance(reason, TimeoutError):
            return _Final(f"Timed out after {self.timeout:g} s")
        if isinstance(reason, ConnectionRefusedError):
            return _Final("Connection refused")
        if isinstance(reason, socket.gaierror):
            return _Final("Host not found")
        if isinstance(reason, ssl.SSLCertVerificationError):
            return _Final("Certificate problem")
        if isinstance(reason, ssl.SSLError):
            return _Final("Secure connection failed")
        if isinstance(reason, (http.client.HTTPException, OSError)):
            # A dropped connection or a garbled answer: worth one more try.
            return OSError("Connection failed")
        return _Final("Connection failed")

    def check_address(self, host, port):
        if self.allow_private_addresses:
            return
        try:
            infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
        except socket.gaierror as failure:
            raise _Final("Host not found") from failure
        for info in infos:
            address = ipaddress.ip_address(info[4][0].split("%")[0])
            if not address.is_global:
                # The host may resolve differently a moment later (DNS
                # rebinding); this still keeps ordinary links and redirects
                # off the server's own network.
                raise _Refused("Not a public address")


def host_of(url):
    return (urlsplit(url).hostname or "").lower()
