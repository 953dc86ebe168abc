"""Numbered citations: "[2]" typed in a page's text links to the second entry
of its Sources block, and that entry links back to where it is first cited.

Editors type the number in brackets; nothing else to learn. Only numbers that
match an entry become links, never inside an existing link, and each gets its
own id, so a screen reader hears "Source 2" and can return to the same place.
"""

import re
from collections import Counter

from django.utils.translation import gettext

CITATION = re.compile(r"\[(\d{1,3})\]")
TAG = re.compile(r"(<[^>]*>)")
OPENS_LINK = re.compile(r"<a[\s>]", re.IGNORECASE)
CLOSES_LINK = re.compile(r"</a\s*>", re.IGNORECASE)


def source_id(number):
    return f"source-{number}"


def citation_id(number, occurrence):
    return f"cite-{number}-{occurrence}"


def link_citations(html, source_count, seen):
    """`html` with each "[n]" for 1 <= n <= source_count made a link to source n.

    `seen` counts the citations of each number so far on the page (a Counter,
    updated), so ids stay unique across every rich text of one body.
    """
    if not source_count or "[" not in html:
        return html

    def link(match):
        number = int(match.group(1))
        if not 1 <= number <= source_count:
            return match.group(0)
        seen[number] += 1
        return (
            f'<sup class="citation"><a href="#{source_id(number)}" '
            f'id="{citation_id(number, seen[number])}">'
            f'<span class="visually-hidden">{source_word} </span>[{number}]</a></sup>'
        )

    # In the page's language ("Fuente 2" on a Spanish page).
    source_word = gettext("Source")

    parts = TAG.split(html)
    in_link = 0
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            if OPENS_LINK.match(part):
                in_link += 1
            elif CLOSES_LINK.match(part):
                in_link = max(0, in_link - 1)
        elif not in_link:
            parts[index] = CITATION.sub(link, part)
    return "".join(parts)


def number_citations(body, rich_texts):
    """Link the citations in `rich_texts` (RichText values of `body`, in page
    order, expanded) to the body's first Sources block, and mark each of its
    entries with where it is first cited (`first_citation`)."""
    sources = next(
        (child.value["sources"] for child in body if child.block_type == "sources"),
        None,
    )
    if not sources:
        return
    seen = Counter()
    for value in rich_texts:
        html = getattr(value, "expanded_html", None)
        if html is not None:
            value.expanded_html = link_citations(html, len(sources), seen)
    for number, source in enumerate(sources, start=1):
        source.first_citation = citation_id(number, 1) if seen[number] else ""
