"""Every query a public page view runs can be answered from an index.

On PostgreSQL, with sequential scans discouraged, EXPLAIN shows a "Seq Scan"
with a filter only where no index serves that filter. Tiny lookup tables read
whole (no filter) are fine.
"""

import io
import re

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

import pytest

pytestmark = pytest.mark.django_db


def public_urls():
    urls = {"/", "/search/?q=heroin", "/no-such-page/"}
    seen = set()
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        kind = type(page).__name__
        if kind not in seen:
            seen.add(kind)
            urls.add(page.url)
    return sorted(urls)


def filtered_seq_scans(sql, params):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    scans = []
    lines = plan.splitlines()
    for i, line in enumerate(lines):
        match = re.search(r"Seq Scan on (\w+)", line)
        if not match:
            continue
        depth = len(line) - len(line.lstrip())
        for following in lines[i + 1 :]:
            if len(following) - len(following.lstrip()) <= depth:
                break
            if following.strip().startswith("Filter:"):
                scans.append((match.group(1), following.strip()))
    return scans


def test_page_views_use_indexes(client):
    if connection.vendor != "postgresql":
        pytest.skip("Query plans are checked on PostgreSQL (CI runs it)")
    # The detector itself: an unindexed filter is caught, an indexed one is not.
    assert filtered_seq_scans("SELECT id FROM wagtailcore_page WHERE title = 'x'", None)
    assert not filtered_seq_scans("SELECT id FROM wagtailcore_page WHERE id = 1", None)
    call_command("load_demo_content", stdout=io.StringIO())
    problems = []
    checked = 0
    for url in public_urls():
        # The first view makes renditions once; emptying the cache then makes
        # the measured view run every query a cold server does (search results,
        # page content, menus and settings are otherwise kept there).
        client.get(url)
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            checked += 1
            for table, condition in filtered_seq_scans(sql, None):
                problems.append(f"{url}: {table} {condition}\n    {sql[:300]}")
    assert checked > 20
    assert not problems, "\n".join(problems)
