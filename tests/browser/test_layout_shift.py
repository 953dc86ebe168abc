"""A page that stands still while it loads, on every public page type.

Cumulative layout shift is read in Chromium from its own `layout-shift`
performance entries, from navigation to the load event plus a second, at a phone
and a desktop size: with the page's scripts, without them (they never arrive, so
the page stays as a browser without JavaScript shows it) and with them held back
as on a slow phone (the menu used to be open until the deferred script closed it).

The observer is installed before any of the page's own code runs (an init
script), so it works even when the page's scripts are blocked; with JavaScript
switched off in the browser nothing could be measured at all.
"""

import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from .conftest import DESKTOP, PHONE
from .site_pages import page_cases

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The state after a form post is reached by posting, not by loading an address.
CASES = [case for case in page_cases() if case.name != "contact.form-errors"]
LIMIT = 0.02
SCRIPT_DELAY_MS = 1500

OBSERVE_LAYOUT_SHIFT = """
window.__layoutShift = 0;
new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
        if (!entry.hadRecentInput) window.__layoutShift += entry.value;
    }
}).observe({type: 'layout-shift', buffered: true});
"""


@pytest.fixture
def late_scripts(live_server):
    """An address that answers like the live server, SCRIPT_DELAY_MS later.

    Playwright's sync route handlers cannot wait without stopping the browser,
    so held-back scripts are fetched through this slow relay instead.
    """

    class Relay(BaseHTTPRequestHandler):
        def do_GET(self):
            time.sleep(SCRIPT_DELAY_MS / 1000)
            with urllib.request.urlopen(live_server.url + self.path) as answer:  # noqa: S310
                body = answer.read()
                self.send_response(answer.status)
                for name in ("Content-Type", "Cache-Control"):
                    if answer.headers.get(name):
                        self.send_header(name, answer.headers[name])
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Relay)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def hold_back_scripts(page, relay):
    def late(route):
        path = route.request.url.split("/", 3)[3]
        route.continue_(url=f"{relay}/{path}")

    page.route("**/static/**/*.js", late)


def layout_shift(browser, base_url, path, viewport, mode, relay):
    context = browser.new_context(viewport=viewport, service_workers="block")
    try:
        context.add_init_script(OBSERVE_LAYOUT_SHIFT)
        page = context.new_page()
        if mode == "late-js":
            hold_back_scripts(page, relay)
        elif mode == "no-js":
            page.route("**/static/**/*.js", lambda route: route.abort())
        page.goto(base_url + path, wait_until="load")
        page.wait_for_timeout(1000)
        return page.evaluate("window.__layoutShift")
    finally:
        context.close()


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_page_does_not_move_while_it_loads(case, browser, live_server, late_scripts):
    path = case.find_path()
    shifts = {}
    for viewport in (PHONE, DESKTOP):
        for mode in ("js", "no-js", "late-js"):
            value = layout_shift(
                browser, live_server.url, path, viewport, mode, late_scripts
            )
            shifts[f"{viewport['width']}px {mode}"] = round(value, 4)
    moved = {where: value for where, value in shifts.items() if value >= LIMIT}
    assert not moved, f"layout shift of {LIMIT} or more on {path}: {moved}"
