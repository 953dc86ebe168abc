"""A reader follows "[1]" in an article to its source and comes back."""

import datetime
import re

import pytest

from .conftest import make_article

pytestmark = pytest.mark.django_db

SOURCES = {
    "heading": "Sources",
    "sources": [
        {
            "title": "Substance Use and Co-Occurring Mental Disorders",
            "publisher": "National Institute of Mental Health",
            "url": "https://www.nimh.nih.gov/health/topics/substance-use-and-mental-health",
            "accessed": datetime.date(2026, 11, 20),
        },
        {
            "title": "Treatment Improvement Protocol 42",
            "publisher": "SAMHSA",
            "url": "",
        },
    ],
}


def test_numbers_in_brackets_link_to_their_source_and_back(
    client, center, article_index
):
    article = make_article(
        article_index,
        body=[
            ("rich_text", "<p>Half have both [1]. Treated together [2] and [1].</p>"),
            (
                "rich_text",
                '<p>Not a source [9]. A link <a href="https://example.org">[1]</a>.</p>',
            ),
            ("sources", SOURCES),
        ],
    )
    html = client.get(article.url).content.decode()
    citations = re.findall(r'<a href="#source-(\d)" id="(cite-\d-\d)">', html)
    assert citations == [("1", "cite-1-1"), ("2", "cite-2-1"), ("1", "cite-1-2")]
    assert '<span class="visually-hidden">Source </span>[1]</a></sup>' in html
    # Unknown numbers and text inside a link stay as typed.
    assert "Not a source [9]." in html
    assert '<a href="https://example.org">[1]</a>' in html
    # Each source has its anchor and the way back to its first citation.
    assert '<li id="source-1">' in html and '<li id="source-2">' in html
    assert 'href="#cite-1-1"' in html and 'href="#cite-2-1"' in html
    assert "Back to where source 1 is cited" in html
    assert 'Accessed <time datetime="2026-11-20">20 November 2026</time>' in html


def test_a_source_nobody_cites_has_no_way_back(client, center, article_index):
    article = make_article(
        article_index,
        body=[("rich_text", "<p>Nothing cited.</p>"), ("sources", SOURCES)],
    )
    html = client.get(article.url).content.decode()
    assert '<li id="source-1">' in html
    assert "Back to where source" not in html
    assert "citation" not in html.split("<main")[1].split("sources")[0]
