"""A WordPress post's content, made into the site's body blocks.

Block-editor content (gutenberg.py) and classic-editor HTML (blank lines for
paragraphs, the [caption] shortcode) are both read into pieces: headings,
text (paragraphs and lists), images and quotes, which become the heading,
rich_text, image and pull_quote blocks of core.blocks.BodyStreamBlock, with
consecutive text in one rich_text block as editors write it.

Text passes nh3 (the Ammonia sanitiser) allowing only what the body's rich
text offers (bold, italic, links, lists, line breaks): scripts, iframes,
styles and every attribute but a link's address never come through. What has
no block here (a shortcode, an embed, a plugin's block, a table) is kept as
clean text or a link, and each such change is noted for the report; nothing
is dropped without a note. Notes name the kind of thing, never the text.
"""

import re
import uuid
import warnings
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core.validators import validate_slug
from django.utils.text import Truncator

import nh3
import phonenumbers
from bs4 import (
    BeautifulSoup,
    Comment,
    MarkupResemblesLocatorWarning,
    NavigableString,
    Tag,
)

from core.phone import DEFAULT_REGION
from core.rich_text import PHONE_TOKEN
from wordpress_import import gutenberg

HEADING_MAX = 160
CAPTION_MAX = 250
QUOTE_MAX = 400
ATTRIBUTION_MAX = 120
ANCHOR_MAX = 80

INLINE_TAGS = {"b", "i", "a", "br"}
LIST_TAGS = INLINE_TAGS | {"ul", "ol", "li"}
RENAME = {"strong": "b", "em": "i"}
# Containers whose content is read as if they were not there.
TRANSPARENT = {
    "div",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "main",
    "center",
    "address",
    "details",
    "summary",
    "picture",
    "span",
}
BLOCK_LEVEL = TRANSPARENT - {"span", "picture"} | {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "blockquote",
    "figure",
    "table",
    "pre",
    "hr",
    "dl",
    "iframe",
    "script",
    "style",
    "noscript",
    "form",
    "object",
    "embed",
    "video",
    "audio",
    "canvas",
    "svg",
    "template",
    "wp-inner-block",
}
REMOVED = {
    "script": "a script",
    "style": "a style sheet",
    "noscript": "a noscript fallback",
    "iframe": "an embedded frame (iframe)",
    "object": "an embedded object",
    "embed": "an embedded object",
    "video": "a video player",
    "audio": "an audio player",
    "canvas": "a canvas",
    "svg": "an inline SVG drawing",
    "template": "a template",
    "form": "a form",
}
# Block-editor blocks whose whole HTML (inner blocks included) is one thing.
LEAF_BLOCKS = {
    "core/paragraph",
    "core/heading",
    "core/list",
    "core/list-item",
    "core/quote",
    "core/pullquote",
    "core/image",
    "core/table",
    "core/preformatted",
    "core/code",
    "core/verse",
    "core/button",
    "core/file",
}
# Layout around other blocks, read through without a note.
LAYOUT_BLOCKS = {
    "core/group",
    "core/columns",
    "core/column",
    "core/row",
    "core/stack",
    "core/buttons",
    "core/media-text",
    "core/cover",
    "core/gallery",
    "core/details",
}
MARKERS = {"core/more", "core/nextpage", "core/spacer"}

SHORTCODE = re.compile(r"\[(?P<name>[a-zA-Z][\w-]*)(?=[\s\]/])(?P<attrs>[^\]]*)\]")
CAPTION = re.compile(r"\[caption(?P<attrs>[^\]]*)\](?P<inner>.*?)\[/caption\]", re.S)
GALLERY = re.compile(r"\[gallery(?P<attrs>[^\]]*)\]")
EMBED_SHORTCODE = re.compile(r"\[embed[^\]]*\](?P<url>.*?)\[/embed\]", re.S)
SHORTCODE_ATTR = re.compile(r"(\w+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|(\S+))")
IMAGE_START = re.compile(r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.S)
BARE_URL = re.compile(r"^\s*(https?://[^\s<>\"]+)\s*$")
WP_IMAGE_CLASS = re.compile(r"\bwp-image-(\d+)\b")
BLANK_LINE = re.compile(r"\n\s*\n")


@dataclass
class Heading:
    text: str
    level: int
    anchor: str = ""


@dataclass
class Text:
    html: str  # one or more <p>/<ul>/<ol>, in Wagtail's stored rich-text form


@dataclass
class Image:
    attachment_id: int | None
    src: str
    alt: str
    caption: str


@dataclass
class Quote:
    text: str
    attribution: str = ""


@dataclass
class Context:
    """What mapping a body needs from the importer."""

    # (attachment_id, src) -> (image_id, attachment alt, attachment caption), or None.
    find_image: object
    # href -> a replacement: {"linktype": "page", "id": "12"}, {"href": "/x/"} or None.
    find_link: object
    admissions_phone: str = ""  # E.164
    reusable_blocks: dict = field(default_factory=dict)  # wp_block id -> content
    attached_ids: list = field(default_factory=list)  # for [gallery] without ids
    notes: list = field(default_factory=list)

    def note(self, message):
        if message not in self.notes:
            self.notes.append(message)


def shortcode_attrs(text):
    return {
        match[1].lower(): match[2] or match[3] or match[4] or ""
        for match in SHORTCODE_ATTR.finditer(text or "")
    }


def _soup(html, parser="html.parser"):
    # A paragraph that is only an address is content here, not a mistake.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return BeautifulSoup(html, parser)


# --- Reading content into pieces -----------------------------------------


def content_to_pieces(content, context, depth=0):
    """The pieces of a post's content, block-editor or classic."""
    if gutenberg.has_blocks(content):
        pieces = []
        for block in gutenberg.parse_blocks(content):
            pieces += block_to_pieces(block, context, depth)
        return pieces
    return html_to_pieces(expand_shortcodes(content, context), context, classic=True)


def block_to_pieces(block, context, depth=0):
    name = block.name
    if name is None or name == "core/freeform":
        return html_to_pieces(
            expand_shortcodes(block.html, context), context, classic=True
        )
    if name in MARKERS:
        return []
    if name == "core/separator":
        context.note("A divider (separator block) was left out.")
        return []
    if name == "core/block":
        content = context.reusable_blocks.get(block.attrs.get("ref"))
        if content is None or depth > 3:
            context.note(
                f"A reusable block (id {block.attrs.get('ref')}) is not in the "
                "export and was left out."
            )
            return []
        return content_to_pieces(content, context, depth + 1)
    if name == "core/shortcode":
        return html_to_pieces(
            expand_shortcodes(block.html, context), context, classic=True
        )
    if name == "core/embed" or name.startswith("core-embed/"):
        return embed_pieces(block.attrs.get("url") or block.html.strip(), context)
    if name == "core/html":
        context.note("A custom HTML block was read as text.")
        return html_to_pieces(block.html, context, classic=True)
    if name == "core/table":
        return html_to_pieces(block.html, context)
    if name in LEAF_BLOCKS:
        return html_to_pieces(block.html, context)
    if not block.inner_content:
        context.note(f"The {name} block has no content of its own and was left out.")
        return []
    if name not in LAYOUT_BLOCKS:
        context.note(f"The {name} block has no match here; its text was kept.")
    if not block.inner_blocks:
        return html_to_pieces(block.html, context)
    # Inner blocks are read as blocks, in their places in the wrapper's HTML.
    html = "".join(
        part
        if isinstance(part, str)
        else f'<wp-inner-block data-index="{index}"></wp-inner-block>'
        for index, part in enumerate(block.inner_content)
    )
    return html_to_pieces(html, context, inner=block.inner_content, depth=depth)


def embed_pieces(url, context):
    url = (url or "").strip()
    if not BARE_URL.match(url):
        context.note("An embed without an address was left out.")
        return []
    host = urlsplit(url).netloc
    context.note(f"Embedded media from {host} was kept as a link to it.")
    return [Text(f'<p><a href="{_attr(url)}">{_escape(url)}</a></p>')]


def expand_shortcodes(html, context):
    """WordPress's own shortcodes that have a match here, as HTML; others are
    kept as text, with a note."""

    def caption(match):
        attrs = shortcode_attrs(match["attrs"])
        inner = IMAGE_START.match(match["inner"])
        if not inner:
            return match["inner"]
        text = attrs.get("caption") or inner[2]
        return (
            f'<figure class="wp-caption">{inner[1]}'
            f"<figcaption>{text.strip()}</figcaption></figure>"
        )

    def gallery(match):
        attrs = shortcode_attrs(match["attrs"])
        ids = [part for part in re.split(r"[,\s]+", attrs.get("ids", "")) if part]
        if not ids:
            ids = [str(attachment_id) for attachment_id in context.attached_ids]
        return f'<figure class="wp-gallery" data-ids="{",".join(ids)}"></figure>'

    def embed(match):
        return f'<figure class="wp-block-embed"><div>{match["url"]}</div></figure>'

    html = CAPTION.sub(caption, html or "")
    html = GALLERY.sub(gallery, html)
    html = EMBED_SHORTCODE.sub(embed, html)
    for match in SHORTCODE.finditer(html):
        if not match["name"].startswith("/"):
            context.note(f"The shortcode [{match['name']}] was kept as text.")
    return html


def html_to_pieces(html, context, classic=False, inner=None, depth=0):
    soup = _soup(html or "", "html.parser")
    walker = _Walker(context, classic, inner or [], depth)
    walker.walk(soup)
    walker.flush()
    return walker.pieces


class _Walker:
    def __init__(self, context, classic, inner, depth):
        self.context = context
        self.classic = classic
        self.inner = inner
        self.depth = depth
        self.pieces = []
        self.inline = []

    def walk(self, parent):
        for node in list(parent.children):
            if isinstance(node, Comment):
                continue
            if isinstance(node, NavigableString):
                self.inline.append(_escape(str(node)))
                continue
            if not isinstance(node, Tag):
                continue
            name = node.name.lower()
            if name in BLOCK_LEVEL:
                self.flush()
                self.block(node, name)
            elif name == "img":
                self.flush()
                self.image(node, "")
            elif name == "a" and node.find("img"):
                self.flush()
                for img in node.find_all("img"):
                    self.image(img, "")
                text = node.get_text(" ", strip=True)
                if text:
                    self.inline.append(_escape(text))
            elif name in TRANSPARENT:
                self.walk(node)
            else:
                self.inline.append(str(node))

    def flush(self):
        html = "".join(self.inline)
        self.inline = []
        if not html.strip():
            return
        chunks = BLANK_LINE.split(html) if self.classic else [html]
        for chunk in chunks:
            self.paragraph(chunk)

    def paragraph(self, html):
        if self.classic:
            html = html.strip().replace("\n", "<br>")
        else:
            html = " ".join(html.split())
        text = _soup(html, "html.parser").get_text()
        url = BARE_URL.match(text)
        if url and "<a" not in html:
            self.pieces += embed_pieces(url[1], self.context)
            return
        cleaned = sanitise(html, INLINE_TAGS, self.context)
        cleaned = re.sub(r"^(\s*<br\s*/?>)+|(<br\s*/?>\s*)+$", "", cleaned).strip()
        if cleaned:
            self.pieces.append(Text(f"<p>{cleaned}</p>"))

    def block(self, node, name):
        if name == "wp-inner-block":
            index = int(node.get("data-index", -1))
            if 0 <= index < len(self.inner):
                self.pieces += block_to_pieces(
                    self.inner[index], self.context, self.depth
                )
        elif name in REMOVED:
            self.removed(node, name)
        elif name == "p":
            if node.find("img"):
                self.walk(node)
                self.flush()
            else:
                self.paragraph(node.decode_contents())
        elif name in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.heading(node, int(name[1]))
        elif name in {"ul", "ol"}:
            if node.find("img"):
                for img in node.find_all("img"):
                    self.image(img, _caption_near(img))
                return
            cleaned = sanitise(str(node), LIST_TAGS, self.context)
            if _soup(cleaned, "html.parser").get_text().strip():
                self.pieces.append(Text(cleaned))
        elif name == "blockquote":
            self.quote(node)
        elif name == "figure":
            self.figure(node)
        elif name == "table":
            self.table(node)
        elif name == "pre":
            self.context.note("Preformatted text was kept as a paragraph.")
            lines = node.get_text().strip("\n").split("\n")
            self.paragraph("<br>".join(_escape(line) for line in lines))
        elif name == "hr":
            self.context.note("A divider (horizontal rule) was left out.")
        elif name == "dl":
            for child in node.find_all(["dt", "dd"]):
                self.paragraph(child.decode_contents())
        else:  # a transparent container
            self.walk(node)
            self.flush()

    def removed(self, node, name):
        source = node.get("src") or node.get("data") or ""
        host = urlsplit(source).netloc if source.startswith("http") else ""
        where = f" from {host}" if host else ""
        self.context.note(f"Removed {REMOVED[name]}{where}.")

    def heading(self, node, level):
        text = " ".join(node.get_text(" ").split())
        if not text:
            return
        if level == 1:
            self.context.note("A level-1 heading became a section heading (h2).")
        if level > 3:
            self.context.note(
                f"A level-{level} heading became a subsection heading (h3)."
            )
        if len(text) > HEADING_MAX:
            self.context.note(
                f"A heading longer than {HEADING_MAX} characters was kept as bold text."
            )
            self.pieces.append(Text(f"<p><b>{_escape(text)}</b></p>"))
            return
        anchor = (node.get("id") or "").strip()
        try:
            validate_slug(anchor)
        except Exception:  # noqa: BLE001 - any id that is not a slug is dropped
            anchor = ""
        self.pieces.append(
            Heading(text=text, level=min(max(level, 2), 3), anchor=anchor[:ANCHOR_MAX])
        )

    def image(self, img, caption):
        src = (img.get("src") or "").strip()
        match = WP_IMAGE_CLASS.search(" ".join(img.get("class") or []))
        attachment_id = int(match[1]) if match else None
        self.pieces.append(
            Image(
                attachment_id=attachment_id,
                src=src,
                alt=" ".join((img.get("alt") or "").split()),
                caption=" ".join(caption.split()),
            )
        )

    def figure(self, node):
        classes = node.get("class") or []
        if "wp-gallery" in classes:
            for part in (node.get("data-ids") or "").split(","):
                if part.strip().isdigit():
                    self.pieces.append(Image(int(part), "", "", ""))
            return
        if "wp-block-embed" in classes or any(
            name.startswith("wp-block-embed") for name in classes
        ):
            self.pieces += embed_pieces(node.get_text(" ", strip=True), self.context)
            return
        if node.find("table"):
            self.table(node.find("table"))
            caption = node.find("figcaption")
            if caption and caption.get_text(strip=True):
                self.paragraph(caption.decode_contents())
            return
        images = node.find_all("img")
        if images:
            caption = node.find("figcaption")
            text = caption.get_text(" ") if caption else ""
            for img in images:
                self.image(img, text if len(images) == 1 else _caption_near(img))
            return
        if node.find("blockquote"):
            self.quote(node.find("blockquote"))
            return
        self.walk(node)
        self.flush()

    def quote(self, node):
        cite = node.find("cite")
        attribution = " ".join(cite.get_text(" ").split()) if cite else ""
        if cite:
            cite.extract()
        paragraphs = [
            " ".join(part.get_text(" ").split()) for part in node.find_all("p")
        ] or [" ".join(node.get_text(" ").split())]
        text = "\n\n".join(part for part in paragraphs if part)
        if not text:
            return
        if len(text) > QUOTE_MAX or len(attribution) > ATTRIBUTION_MAX:
            self.context.note(
                f"A quote longer than a pull quote holds ({QUOTE_MAX} characters) "
                "was kept as text."
            )
            for part in paragraphs:
                self.paragraph(_escape(part))
            if attribution:
                self.paragraph("— " + _escape(attribution))
            return
        self.pieces.append(Quote(text=text, attribution=attribution))

    def table(self, node):
        self.context.note("A table was kept as a bulleted list, one item per row.")
        rows = node.find_all("tr")
        headers = []
        items = []
        for row in rows:
            cells = [
                " ".join(cell.get_text(" ").split())
                for cell in row.find_all(["th", "td"])
            ]
            if row.find("th") and not row.find("td") and not headers:
                headers = cells
                continue
            if headers and len(headers) == len(cells):
                parts = [
                    f"{header}: {cell}"
                    for header, cell in zip(headers, cells, strict=True)
                ]
            else:
                parts = cells
            text = "; ".join(part for part in parts if part.strip(": "))
            if text:
                items.append(f"<li>{_escape(text)}</li>")
        if items:
            html = sanitise(f"<ul>{''.join(items)}</ul>", LIST_TAGS, self.context)
            self.pieces.append(Text(html))


def _caption_near(img):
    figure = img.find_parent("figure")
    caption = figure.find("figcaption") if figure else None
    return caption.get_text(" ") if caption else ""


def _escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text):
    return _escape(text).replace('"', "&quot;")


# --- Sanitising text ---------------------------------------------------


def sanitise(html, tags, context):
    """`html` with only `tags` (and a link's href), links pointed at the
    imported pages and the admissions number written as the phone token."""
    for old, new in RENAME.items():
        html = re.sub(rf"<(/?){old}\b", rf"<\1{new}", html, flags=re.I)
    cleaned = nh3.clean(
        html,
        tags=set(tags),
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
        strip_comments=True,
    )
    soup = _soup(cleaned, "html.parser")
    for link in soup.find_all("a"):
        rewrite_link(link, context)
    for text in soup.find_all(string=True):
        replaced = phone_token(str(text), context.admissions_phone)
        if replaced != str(text):
            text.replace_with(replaced)
    # Wagtail stores <br/>; BeautifulSoup writes <br/> for void elements.
    return str(soup).strip()


def rewrite_link(link, context):
    href = (link.get("href") or "").strip()
    if not href:
        link.unwrap()
        return
    if href.lower().startswith("tel:") and context.admissions_phone:
        number = _e164(href[4:])
        if number == context.admissions_phone:
            text = link.get_text()
            if phone_token(text, context.admissions_phone) == text:
                link.insert_after(f" ({PHONE_TOKEN})")
            link.unwrap()
            return
    replacement = context.find_link(href)
    if replacement is None:
        return
    link.attrs = {}
    for key, value in replacement.items():
        link[key] = value


def _e164(value):
    try:
        number = phonenumbers.parse(value, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_token(text, admissions_phone):
    """`text` with the admissions number, however it is written, as [phone]."""
    if not admissions_phone or not any(ch.isdigit() for ch in text):
        return text
    spans = []
    for match in phonenumbers.PhoneNumberMatcher(text, DEFAULT_REGION):
        formatted = phonenumbers.format_number(
            match.number, phonenumbers.PhoneNumberFormat.E164
        )
        if formatted == admissions_phone:
            spans.append((match.start, match.end))
    for start, end in reversed(spans):
        text = text[:start] + PHONE_TOKEN + text[end:]
    return text


# --- Pieces into blocks -----------------------------------------------


def block_id(source, wp_id, index):
    """The same id for the same block on every run, so a re-import of an
    unchanged post makes the same body."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{source}#{wp_id}/{index}"))


def pieces_to_stream(pieces, context, id_for):
    """The raw StreamField data for `pieces`; images found through the context."""
    blocks = []
    text = []

    def add(kind, value):
        blocks.append({"type": kind, "value": value, "id": id_for(len(blocks))})

    def flush_text():
        if text:
            add("rich_text", "".join(text))
            text.clear()

    for piece in pieces:
        if isinstance(piece, Text):
            text.append(piece.html)
            continue
        if isinstance(piece, Heading):
            flush_text()
            add(
                "heading",
                {
                    "text": piece.text,
                    "level": f"h{piece.level}",
                    "anchor": piece.anchor,
                },
            )
        elif isinstance(piece, Quote):
            flush_text()
            add("pull_quote", {"quote": piece.text, "attribution": piece.attribution})
        elif isinstance(piece, Image):
            found = context.find_image(piece.attachment_id, piece.src)
            if found is None:
                continue
            image_id, attachment_alt, attachment_caption = found
            alt = piece.alt or attachment_alt
            caption = piece.caption or attachment_caption
            if not alt:
                context.note(
                    "An image has no alt text, in the post or its attachment: "
                    "add it in the page editor."
                )
            flush_text()
            extra = ""
            if len(caption) > CAPTION_MAX:
                context.note(
                    f"An image caption longer than {CAPTION_MAX} characters was "
                    "kept as text under the image."
                )
                extra, caption = caption, ""
            add(
                "image",
                {
                    "image": {"image": image_id, "alt_text": alt, "decorative": False},
                    "caption": caption,
                },
            )
            if extra:
                text.append(f"<p>{_escape(extra)}</p>")
    flush_text()
    return blocks


def plain_text(html):
    return " ".join(_soup(html or "", "html.parser").get_text(" ").split())


def summary_from(excerpt, pieces, limit):
    """A listing summary: the excerpt, else the first paragraph, cut to `limit`."""
    text = plain_text(excerpt)
    if not text:
        for piece in pieces:
            if isinstance(piece, Text):
                text = plain_text(piece.html.replace(PHONE_TOKEN, ""))
                if text:
                    break
    return Truncator(text).chars(limit) if len(text) > limit else text
