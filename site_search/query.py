"""Cleaning a visitor's search words and marking them in result summaries."""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

# Longer queries are cut here: nobody types more, and a 10 kB query would make
# the database parse and match a huge tsquery for nothing.
MAX_QUERY_LENGTH = 200
# Words searched for; more only slow the database down without finding more.
MAX_SEARCH_WORDS = 12
WORD = re.compile(r"\w+", re.UNICODE)


def clean_query(raw):
    """The query as typed, without control characters, at most MAX_QUERY_LENGTH.

    PostgreSQL refuses strings containing NUL, and other control characters
    only come from bots; both become spaces so the words on either side stay
    apart.
    """
    text = "".join(
        " " if unicodedata.category(char) in {"Cc", "Cf", "Cs"} else char
        for char in (raw or "")[: MAX_QUERY_LENGTH * 2]
    )
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def search_words(query):
    """The words of a query, without quotes, operators or punctuation.

    The full-text index holds only words, so nothing is lost, and no quote or
    operator typed by a visitor can break the database's query syntax (SQLite's
    FTS5 fails on an unbalanced double quote).
    """
    return WORD.findall(query)[:MAX_SEARCH_WORDS]


def query_terms(words):
    """The distinct words worth highlighting, longest first."""
    terms = {word.lower() for word in words if len(word) > 1}
    return sorted(terms, key=lambda term: (-len(term), term))


def highlight(text, terms):
    """`text` escaped for HTML, with words starting with a term in <mark>.

    Matching a word's start finds "heroin's" for "heroin" and "depressed" for
    "depress", close to what the stemming full-text search itself matched.
    """
    text = str(text or "")
    if not terms:
        return escape(text)
    pattern = re.compile(
        r"\b(?:" + "|".join(re.escape(term) for term in terms) + r")\w*",
        re.IGNORECASE,
    )
    parts = []
    position = 0
    for match in pattern.finditer(text):
        parts.append(escape(text[position : match.start()]))
        parts.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped
