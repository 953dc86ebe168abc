"""The external links of live pages, and keeping their last check.

A link is external when it is a web address (http or https) on another host
than the site's own: Sources block entries and links in rich text (page
bodies and other rich-text fields). Phone, email, page and document links
are not. Only counts are ever logged, never a page's words or addresses.
"""

import logging
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from wagtail.fields import RichTextField, StreamField
from wagtail.models import Site, get_page_models

from health_checks.claims import plain_text
from health_checks.link_checker import LinkChecker
from health_checks.models import ExternalLink, ExternalLinkUse

logger = logging.getLogger(__name__)

MAX_TEXT = ExternalLinkUse._meta.get_field("text").max_length
MAX_URL = ExternalLink._meta.get_field("url").max_length
# In a struct of a body (a Sources entry), the field naming what a link is.
TEXT_KEYS = ("title", "text", "label", "name")


class _Anchors(HTMLParser):
    """(href, text) of every <a href> in a rich-text value as stored."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.open = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            # Page and document links are stored as <a linktype=… id=…>.
            href = dict(attrs).get("href")
            self.open = [href.strip(), []] if href else None

    def handle_data(self, data):
        if self.open is not None:
            self.open[1].append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self.open is not None:
            href, text = self.open
            self.links.append((href, " ".join("".join(text).split())))
            self.open = None


def anchors(rich_text):
    parser = _Anchors()
    parser.feed(rich_text)
    parser.close()
    return parser.links


def links_in(data):
    """(address, link text) of every link in a stored StreamField value or a
    rich-text string."""
    if isinstance(data, str):
        if "<a" in data:
            yield from anchors(data)
    elif isinstance(data, dict):
        url = data.get("url")
        if isinstance(url, str) and url.strip():
            text = next((data[key] for key in TEXT_KEYS if data.get(key)), "")
            yield url.strip(), " ".join(plain_text(str(text)).split())
        for key, value in data.items():
            if key != "url":
                yield from links_in(value)
    elif isinstance(data, (list, tuple)):
        for item in data:
            yield from links_in(item)


def own_hosts():
    hosts = {site.hostname.lower() for site in Site.objects.all()}
    base = urlsplit(getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "")
    if base.hostname:
        hosts.add(base.hostname.lower())
    return hosts


def is_external(url, hosts):
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return True  # a malformed address is checked, and reported
    return (
        parts.scheme.lower() in ("http", "https") and bool(host) and host not in hosts
    )


@dataclass
class Found:
    uses: dict = field(default_factory=dict)  # url -> {(page id, text)}
    pages: set = field(default_factory=set)
    too_long: int = 0


def external_links_on_live_pages():
    """Every external link of every live page, with the pages and texts."""
    found = Found()
    hosts = own_hosts()
    for model in get_page_models():
        names = [
            f.name
            for f in model._meta.get_fields()
            if isinstance(f, (StreamField, RichTextField))
        ]
        if not names:
            continue
        rows = model.objects.live().exact_type(model).values_list("pk", *names)
        for pk, *values in rows.iterator(chunk_size=200):
            for value in values:
                stored = (
                    value.get_prep_value()
                    if hasattr(value, "get_prep_value")
                    else value
                )
                for url, text in links_in(stored):
                    if not is_external(url, hosts):
                        continue
                    if len(url) > MAX_URL:
                        found.too_long += 1
                        continue
                    found.uses.setdefault(url, set()).add((pk, text[:MAX_TEXT]))
                    found.pages.add(pk)
    return found


@transaction.atomic
def store_uses(found):
    """Make the stored links and uses those found; forget links no live page
    uses any more. Returns the links to check, longest unchecked first."""
    existing = dict(ExternalLink.objects.values_list("url", "pk"))
    gone = [pk for url, pk in existing.items() if url not in found.uses]
    for start in range(0, len(gone), 500):
        ExternalLink.objects.filter(pk__in=gone[start : start + 500]).delete()
    # A run started by hand beside the scheduler's may have added some.
    ExternalLink.objects.bulk_create(
        [ExternalLink(url=url) for url in found.uses if url not in existing],
        batch_size=500,
        ignore_conflicts=True,
    )
    ids = dict(ExternalLink.objects.values_list("url", "pk"))
    ExternalLinkUse.objects.all().delete()
    ExternalLinkUse.objects.bulk_create(
        [
            ExternalLinkUse(link_id=ids[url], page_id=page_id, text=text)
            for url, uses in found.uses.items()
            for page_id, text in sorted(uses)
        ],
        batch_size=500,
    )
    # Never checked first, then the longest since their last check.
    return list(
        ExternalLink.objects.order_by(F("last_checked_at").asc(nulls_first=True), "pk")
    )


def record(link, result, now):
    if result.broken and not link.is_broken:
        link.first_broken_at = now
    elif not result.broken:
        link.first_broken_at = None
    link.is_broken = result.broken
    link.status_code = result.status
    link.error = result.error
    link.last_checked_at = now


@dataclass
class Summary:
    pages: int
    links: int
    checked: int
    broken: int
    newly_broken: int
    left: int
    too_long: int

    def __str__(self):
        text = (
            f"{counted(self.links, 'external link')} on "
            f"{counted(self.pages, 'live page')}: {self.checked} checked, "
            f"{self.broken} broken ({self.newly_broken} newly), {self.left} left "
            "for the next run"
        )
        if self.too_long:
            text += f", {counted(self.too_long, 'address')} too long to keep"
        return text


def counted(number, noun):
    return f"{number} {noun}{'' if number == 1 else 's'}"


def check_links(checker=None, max_seconds=None):
    """Check the external links of live pages and keep each one's answer."""
    checker = checker or LinkChecker(
        allow_private_addresses=getattr(
            settings, "LINK_CHECK_ALLOW_PRIVATE_ADDRESSES", False
        )
    )
    found = external_links_on_live_pages()
    links = store_uses(found)
    deadline = None if max_seconds is None else time.monotonic() + max_seconds
    results = checker.check_all([link.url for link in links], deadline=deadline)
    newly = 0
    checked = []
    for link in links:
        result = results.get(link.url)
        if result is None:
            continue
        if result.broken and not link.is_broken:
            newly += 1
        record(link, result, timezone.now())
        checked.append(link)
    ExternalLink.objects.bulk_update(
        checked,
        ["is_broken", "status_code", "error", "first_broken_at", "last_checked_at"],
        batch_size=500,
    )
    summary = Summary(
        pages=len(found.pages),
        links=len(links),
        checked=len(checked),
        broken=ExternalLink.objects.filter(is_broken=True).count(),
        newly_broken=newly,
        left=len(links) - len(checked),
        too_long=found.too_long,
    )
    logger.info("Link check: %s", summary)
    return summary
