"""Reading a WordPress export file (WXR, Tools → Export's own format).

The file is parsed with defusedxml, which refuses a document type declaration
and so any entity: an XML bomb, or a file that names an external file, stops
with an error before anything is read. Every check on the file itself
(well-formed, a WordPress export, a version this reads) is made here, before
the importer writes anything.
"""

import hashlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from xml.etree.ElementTree import ParseError, tostring

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import parse

WP_NAMESPACE_PREFIX = "http://wordpress.org/export/"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
SUPPORTED_VERSIONS = {"1.0", "1.1", "1.2"}


class WxrError(Exception):
    """The file cannot be imported at all; the message is one line for a person."""


@dataclass
class Author:
    login: str
    display_name: str
    first_name: str = ""
    last_name: str = ""

    @property
    def name(self):
        """The name readers saw, or "" when WordPress only had the login."""
        full = f"{self.first_name} {self.last_name}".strip()
        if self.display_name and self.display_name != self.login:
            return self.display_name
        return full


@dataclass
class Term:
    taxonomy: str  # "category" or "post_tag"
    term_id: int
    slug: str
    name: str
    parent_slug: str = ""
    description: str = ""


@dataclass
class Item:
    """One <item>: a post, page, attachment, reusable block or menu item."""

    wp_id: int
    post_type: str
    status: str = ""
    title: str = ""
    link: str = ""
    guid: str = ""
    slug: str = ""
    date: str = ""
    date_gmt: str = ""
    modified_gmt: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    parent_id: int = 0
    menu_order: int = 0
    password: str = ""
    attachment_url: str = ""
    meta: dict = field(default_factory=dict)
    # (taxonomy, slug, name) for each category and tag the item is filed under.
    terms: list = field(default_factory=list)
    comment_count: int = 0
    # Set when the item itself is unreadable: it is reported and skipped.
    error: str = ""
    digest: str = ""

    @property
    def label(self):
        return self.title or self.slug or f"#{self.wp_id}"


@dataclass
class Export:
    title: str
    base_site_url: str
    base_blog_url: str
    version: str
    authors: dict = field(default_factory=dict)
    categories: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    items: list = field(default_factory=list)

    @property
    def source(self):
        """What identifies the WordPress site the ids belong to."""
        return (self.base_blog_url or self.base_site_url).rstrip("/")

    @property
    def hosts(self):
        return {
            urlsplit(url).netloc.lower()
            for url in (self.base_site_url, self.base_blog_url)
            if url
        }

    def items_of(self, *post_types):
        return [item for item in self.items if item.post_type in post_types]


def _text(element, tag, default=""):
    found = element.find(tag)
    if found is None or found.text is None:
        return default
    return found.text


def _int(value, what):
    try:
        return int((value or "0").strip())
    except ValueError as exc:
        raise ValueError(f"its {what} is not a number") from exc


def read_export(path):
    """The export at `path` as an Export, or WxrError saying in one line why not."""
    try:
        tree = parse(path, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise WxrError(
            "The file declares a document type or entities (an XML bomb or an "
            "external file), which a WordPress export never does; nothing was "
            f"imported ({type(exc).__name__})."
        ) from exc
    except ParseError as exc:
        line, column = exc.position
        raise WxrError(
            f"The file is not well-formed XML (line {line}, column {column}); "
            "export it again from WordPress (Tools → Export)."
        ) from exc
    except OSError as exc:
        raise WxrError(f"Cannot read the export file: {exc.strerror}.") from exc

    root = tree.getroot()
    channel = root.find("channel") if root.tag == "rss" else None
    version_element = None
    if channel is not None:
        version_element = next(
            (
                child
                for child in channel
                if child.tag.startswith("{" + WP_NAMESPACE_PREFIX)
                and child.tag.endswith("}wxr_version")
            ),
            None,
        )
    if version_element is None:
        raise WxrError(
            "The file is XML but not a WordPress export (no WXR version in its "
            "channel); export it from WordPress with Tools → Export."
        )
    version = (version_element.text or "").strip()
    if version not in SUPPORTED_VERSIONS:
        raise WxrError(
            f"The file is a WordPress export of version {version or '(none)'}, "
            f"which this importer does not read (it reads "
            f"{', '.join(sorted(SUPPORTED_VERSIONS))})."
        )
    wp = "{" + version_element.tag[1:].split("}")[0] + "}"
    excerpt = "{" + wp[1:-1] + "excerpt/}encoded"

    export = Export(
        title=_text(channel, "title"),
        base_site_url=_text(channel, f"{wp}base_site_url").strip(),
        base_blog_url=_text(channel, f"{wp}base_blog_url").strip(),
        version=version,
    )
    for element in channel.findall(f"{wp}author"):
        author = Author(
            login=_text(element, f"{wp}author_login"),
            display_name=_text(element, f"{wp}author_display_name"),
            first_name=_text(element, f"{wp}author_first_name"),
            last_name=_text(element, f"{wp}author_last_name"),
        )
        export.authors[author.login] = author
    for element in channel.findall(f"{wp}category"):
        export.categories.append(
            Term(
                taxonomy="category",
                term_id=_int(_text(element, f"{wp}term_id"), "term id"),
                slug=_text(element, f"{wp}category_nicename"),
                name=_text(element, f"{wp}cat_name"),
                parent_slug=_text(element, f"{wp}category_parent"),
                description=_text(element, f"{wp}category_description"),
            )
        )
    for element in channel.findall(f"{wp}tag"):
        export.tags.append(
            Term(
                taxonomy="post_tag",
                term_id=_int(_text(element, f"{wp}term_id"), "term id"),
                slug=_text(element, f"{wp}tag_slug"),
                name=_text(element, f"{wp}tag_name"),
                description=_text(element, f"{wp}tag_description"),
            )
        )
    for element in channel.findall("item"):
        export.items.append(_read_item(element, wp, excerpt))
    return export


def _read_item(element, wp, excerpt):
    raw_id = _text(element, f"{wp}post_id")
    item = Item(
        wp_id=0,
        post_type=_text(element, f"{wp}post_type"),
        digest=hashlib.sha256(tostring(element)).hexdigest(),
    )
    # The title first, so even an unreadable item can be named in the report.
    item.title = _text(element, "title").strip()
    try:
        item.wp_id = _int(raw_id, "post id")
        item.status = _text(element, f"{wp}status")
        item.link = _text(element, "link").strip()
        item.guid = _text(element, "guid").strip()
        item.slug = _text(element, f"{wp}post_name").strip()
        item.date = _text(element, f"{wp}post_date")
        item.date_gmt = _text(element, f"{wp}post_date_gmt")
        item.modified_gmt = _text(element, f"{wp}post_modified_gmt")
        item.creator = _text(element, CREATOR)
        item.content = _text(element, CONTENT)
        item.excerpt = _text(element, excerpt)
        item.parent_id = _int(_text(element, f"{wp}post_parent"), "parent id")
        item.menu_order = _int(_text(element, f"{wp}menu_order"), "menu order")
        item.password = _text(element, f"{wp}post_password")
        item.attachment_url = _text(element, f"{wp}attachment_url").strip()
        for meta in element.findall(f"{wp}postmeta"):
            item.meta[_text(meta, f"{wp}meta_key")] = _text(meta, f"{wp}meta_value")
        for term in element.findall("category"):
            item.terms.append(
                (term.get("domain", ""), term.get("nicename", ""), term.text or "")
            )
        item.comment_count = len(element.findall(f"{wp}comment"))
        if item.wp_id <= 0:
            raise ValueError("it has no post id")
    except ValueError as exc:
        item.error = f"Unreadable item: {exc}."
    return item
