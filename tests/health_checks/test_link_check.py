"""The daily link check: every external link of every live page is asked,
politely, whether it still answers, and the answer is kept per address.

Every "other site" here is a small server on this machine (link_server.py);
a test that tried to reach another machine would fail.
"""

import io
import logging
import threading

from django.core.management import call_command
from django.test import override_settings

import pytest

from health_checks.link_checker import LinkChecker
from health_checks.models import ExternalLink, ExternalLinkUse
from tests.articles.conftest import make_article
from tests.tools import free_port

from .link_server import start_server

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("only_this_machine"),
]

TIMEOUT = "0.5"


def sources(*entries):
    return (
        "sources",
        {
            "heading": "Sources",
            "sources": [
                {"title": title, "publisher": "", "url": url} for title, url in entries
            ],
        },
    )


def check_links(*options):
    out = io.StringIO()
    with override_settings(LINK_CHECK_ALLOW_PRIVATE_ADDRESSES=True):
        call_command(
            "check_links",
            "--timeout",
            TIMEOUT,
            "--host-delay",
            "0.05",
            *options,
            stdout=out,
        )
    return out.getvalue()


def answers():
    return {
        link.url: (link.status_label, link.is_broken)
        for link in ExternalLink.objects.all()
    }


def test_each_address_gets_its_answer_named(link_server, article_index):
    site = link_server.url
    refused = f"http://127.0.0.1:{free_port()}/gone"
    make_article(
        article_index,
        title="Heroin and depression",
        body=[
            sources(
                ("NIMH overview", f"{site}/ok"),
                ("Old study", f"{site}/missing"),
                ("Broken server", f"{site}/error"),
                ("Looping site", f"{site}/loop"),
                ("Stuck site", f"{site}/hang"),
                ("Closed site", refused),
                ("Moved page", f"{site}/moved"),
                ("HEAD-shy site", f"{site}/no-head"),
            )
        ],
    )

    out = check_links()

    assert answers() == {
        f"{site}/ok": ("200 OK", False),
        f"{site}/missing": ("404 Not Found", True),
        f"{site}/error": ("500 Internal Server Error", True),
        f"{site}/loop": ("Redirect loop", True),
        f"{site}/hang": ("Timed out after 0.5 s", True),
        refused: ("Connection refused", True),
        f"{site}/moved": ("200 OK", False),
        f"{site}/no-head": ("200 OK", False),
    }
    assert out == (
        "Link check: 8 external links on 1 live page: 8 checked, 5 broken "
        "(5 newly), 0 left for the next run.\n"
    )


def test_head_comes_first_and_get_only_when_head_gets_no_good_answer(
    link_server, article_index
):
    site = link_server.url
    make_article(
        article_index,
        body=[sources(("A", f"{site}/ok"), ("B", f"{site}/no-head"))],
    )

    check_links()

    asked = sorted((path, method) for method, path, _, _ in link_server.requests)
    assert asked == [("/no-head", "GET"), ("/no-head", "HEAD"), ("/ok", "HEAD")]


def test_one_request_at_a_time_per_host_with_a_pause_between(
    link_server, article_index
):
    site = link_server.url
    make_article(
        article_index,
        body=[sources(*((f"Source {n}", f"{site}/slow?{n}") for n in range(5)))],
    )
    link_server.slow_seconds = 0.1

    check_links("--host-delay", "0.2", "--workers", "4")

    requests = sorted(link_server.requests, key=lambda request: request[2])
    assert len(requests) == 5
    assert link_server.peak == 1
    for before, after in zip(requests, requests[1:], strict=False):
        # From the end of one answer to the start of the next request.
        assert after[2] - before[3] >= 0.15


def test_a_few_hosts_are_checked_at_once_never_more_than_the_workers(
    article_index,
):
    servers = [start_server(f"127.0.0.{n}") for n in range(1, 7)]
    try:
        for server in servers:
            server.slow_seconds = 0.4
        checker = LinkChecker(
            timeout=2, workers=4, host_delay=0.05, allow_private_addresses=True
        )
        urls = [f"{server.url}/slow?{n}" for server in servers for n in range(2)]
        in_flight = 0
        peak = 0
        lock = threading.Lock()
        ask = checker.ask

        def counted(url, method):
            nonlocal in_flight, peak
            with lock:
                in_flight += 1
                peak = max(peak, in_flight)
            try:
                return ask(url, method)
            finally:
                with lock:
                    in_flight -= 1

        checker.ask = counted

        results = checker.check_all(urls)
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()

    assert {result.status for result in results.values()} == {200}
    assert 2 <= peak <= 4
    assert all(server.peak == 1 for server in servers)


def test_links_in_text_are_checked_but_not_phone_email_or_own_site_links(
    link_server, article_index, home_page
):
    site = link_server.url
    make_article(
        article_index,
        title="Getting help",
        body=[
            (
                "rich_text",
                f'<p>Read <a href="{site}/missing">the <b>2019</b> study</a>, '
                'call <a href="tel:+18662761920">admissions</a>, write to '
                '<a href="mailto:help@example.org">us</a>, see '
                f'<a linktype="page" id="{home_page.pk}">our home page</a>, '
                '<a href="/contact/">contact us</a> or '
                '<a href="http://localhost/articles/">all articles</a>.</p>',
            )
        ],
    )

    check_links()

    [use] = ExternalLinkUse.objects.select_related("link", "page")
    assert (use.page.title, use.text, use.link.url) == (
        "Getting help",
        "the 2019 study",
        f"{site}/missing",
    )


def test_only_live_pages_are_checked_and_each_use_is_kept(link_server, article_index):
    site = link_server.url
    shared = f"{site}/missing"
    first = make_article(
        article_index, title="First", body=[sources(("Old study", shared))]
    )
    second = make_article(
        article_index, title="Second", body=[sources(("The same study", shared))]
    )
    make_article(
        article_index,
        title="Unpublished",
        publish=False,
        body=[sources(("Draft source", f"{site}/error"))],
    )
    # A change not yet approved: readers do not see this link.
    second.body = [sources(("New source", f"{site}/ok"))]
    second.save_revision()

    check_links()

    assert list(ExternalLink.objects.values_list("url", flat=True)) == [shared]
    assert sorted(ExternalLinkUse.objects.values_list("page_id", "text")) == sorted(
        [(first.pk, "Old study"), (second.pk, "The same study")]
    )


def test_a_link_broken_since_the_first_check_keeps_its_first_date(
    link_server, article_index
):
    site = link_server.url
    make_article(
        article_index,
        body=[sources(("Old study", f"{site}/missing"), ("Other", f"{site}/error"))],
    )
    check_links()
    first = ExternalLink.objects.get(url=f"{site}/missing")
    assert first.first_broken_at is not None

    link_server.fixed.add("/error")  # the other site mends its page
    out = check_links()

    again = ExternalLink.objects.get(url=f"{site}/missing")
    mended = ExternalLink.objects.get(url=f"{site}/error")
    assert again.first_broken_at == first.first_broken_at
    assert again.last_checked_at > first.last_checked_at
    assert (mended.is_broken, mended.first_broken_at) == (False, None)
    assert "1 broken (0 newly)" in out


def test_links_no_page_uses_any_more_are_forgotten(link_server, article_index):
    site = link_server.url
    article = make_article(article_index, body=[sources(("Study", f"{site}/missing"))])
    check_links()
    assert ExternalLink.objects.count() == 1

    article.unpublish()
    check_links()

    assert ExternalLink.objects.count() == 0
    assert ExternalLinkUse.objects.count() == 0


def test_past_the_time_limit_the_rest_waits_for_the_next_run(
    link_server, article_index
):
    site = link_server.url
    make_article(
        article_index,
        body=[sources(*((f"S{n}", f"{site}/slow?{n}") for n in range(4)))],
    )
    link_server.slow_seconds = 0.2

    out = check_links("--max-minutes", "0.001")  # 60 ms: one request

    assert "4 external links on 1 live page: 1 checked" in out
    assert "3 left for the next run" in out
    [first] = ExternalLink.objects.filter(last_checked_at__isnull=False)

    check_links("--max-minutes", "0.001")

    # A link never checked goes before the one checked last time.
    checked = ExternalLink.objects.filter(last_checked_at__isnull=False)
    assert checked.count() == 2
    assert checked.get(pk=first.pk).last_checked_at == first.last_checked_at


def test_an_address_on_the_servers_own_network_is_reported_not_asked(
    link_server, article_index
):
    make_article(
        article_index, body=[sources(("Intranet", f"{link_server.url}/missing"))]
    )

    call_command("check_links", "--timeout", TIMEOUT, stdout=io.StringIO())

    assert answers() == {f"{link_server.url}/missing": ("Not a public address", True)}
    assert link_server.requests == []


def test_the_log_has_counts_and_no_words_or_addresses_of_a_page(
    link_server, article_index, caplog
):
    make_article(
        article_index,
        title="Private-sounding title",
        body=[sources(("Secret source name", f"{link_server.url}/missing"))],
    )
    caplog.set_level(logging.DEBUG)

    check_links()

    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "Link check: 1 external link on 1 live page: 1 checked, 1 broken" in logged
    for secret in ("Private-sounding", "Secret source", link_server.url, "/missing"):
        assert secret not in logged
