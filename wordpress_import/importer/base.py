"""What the importer's parts share: limits, digests, dates and addresses."""

import datetime
import hashlib
import json
import re
from urllib.parse import unquote, urlsplit

from wagtail.contrib.redirects.models import Redirect

from articles.models import ArticlePage
from standard_pages.models import StandardPage

# Bump when the mapping changes, so a re-run updates what older code made.
MAPPING_VERSION = 1
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".heic"}
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.[a-zA-Z0-9]+$)")
YOAST_VARIABLE = re.compile(r"%%([a-z_]+)%%")
SEPARATORS = " -–—|·:•»«~*"
SUMMARY_MAX = ArticlePage._meta.get_field("summary").max_length
INTRODUCTION_MAX = StandardPage._meta.get_field("introduction").max_length
HERO_CAPTION_MAX = ArticlePage._meta.get_field("hero_caption").max_length
TITLE_MAX = 255


class ItemError(Exception):
    """An object that cannot be imported; the message says why, for the report."""


def digest(value):
    """A stable digest of what the importer made, or of how an object looks."""
    return hashlib.sha256(
        json.dumps(value, sort_keys=True, default=str).encode()
    ).hexdigest()


def parse_wp_date(value):
    """A WordPress GMT date as an aware datetime, None for WordPress's zero date."""
    value = (value or "").strip()
    if not value or value.startswith("0000"):
        return None
    try:
        moment = datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError as exc:
        raise ItemError(f"Its date “{value[:40]}” is not a date.") from exc
    return moment.replace(tzinfo=datetime.UTC)


def old_path(url):
    """The path (and query) of an address, as Wagtail's redirects store it."""
    parts = urlsplit(url)
    path = unquote(parts.path) or "/"
    return Redirect.normalise_path(path + (f"?{parts.query}" if parts.query else ""))


def sha1(content):
    """The digest Wagtail keeps of an image file (AbstractImage.file_hash)."""
    return hashlib.sha1(content, usedforsecurity=False).hexdigest()
