"""Many families sending the form at once each get exactly one stored inquiry."""

import threading
import time

from django.db import connection

import pytest
import requests

from contact.models import Inquiry

from .conftest import form_data

SUBMISSIONS = 50


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Needs PostgreSQL: SQLite serialises writers, so it cannot show races; "
    "run with DATABASE_URL=postgres://...",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_concurrent_submissions_store_exactly_fifty_inquiries(
    content_types_cached, live_server, contact_page, settings
):
    settings.INQUIRY_RATE_LIMIT = (1000, 600)
    url = live_server.url + "/contact/"
    start = threading.Barrier(SUBMISSIONS)
    statuses = []
    lock = threading.Lock()

    def submit(number):
        with requests.Session() as session:
            page = session.get(url, timeout=30)
            csrf = session.cookies["csrftoken"]
            data = form_data(name=f"Person {number}", csrfmiddlewaretoken=csrf)
            answers = []

            def post():
                response = session.post(
                    url,
                    data=data,
                    headers={"Referer": url},
                    allow_redirects=False,
                    timeout=60,
                )
                answers.append(response.status_code)

            start.wait(timeout=60)
            # A double click: the same form twice at the same moment.
            clicks = [threading.Thread(target=post) for _ in range(2)]
            for click in clicks:
                click.start()
            for click in clicks:
                click.join(timeout=60)
        with lock:
            statuses.append((page.status_code, *sorted(answers)))

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(SUBMISSIONS)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    elapsed = time.monotonic() - began

    assert statuses.count((200, 302, 302)) == SUBMISSIONS, statuses
    assert Inquiry.objects.count() == SUBMISSIONS
    assert Inquiry.objects.values("submission_token").distinct().count() == SUBMISSIONS
    print(
        f"{SUBMISSIONS} concurrent submissions (+{SUBMISSIONS} repeats) in {elapsed:.1f}s"
    )
