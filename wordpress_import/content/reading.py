"""Reading block-editor and classic content into pieces (pieces.py)."""

import re
from urllib.parse import urlsplit

from django.core.validators import validate_slug

from bs4 import Comment, NavigableString, Tag

from wordpress_import import gutenberg
from wordpress_import.content.pieces import Heading, Image, Quote, Text
from wordpress_import.content.shortcodes import (
    BARE_URL,
    embed_pieces,
    expand_shortcodes,
)
from wordpress_import.content.text import (
    INLINE_TAGS,
    LIST_TAGS,
    escape,
    sanitise,
    soup,
)

HEADING_MAX = 160
QUOTE_MAX = 400
ATTRIBUTION_MAX = 120
ANCHOR_MAX = 80

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

WP_IMAGE_CLASS = re.compile(r"\bwp-image-(\d+)\b")
BLANK_LINE = re.compile(r"\n\s*\n")


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


def html_to_pieces(html, context, classic=False, inner=None, depth=0):
    document = soup(html or "", "html.parser")
    walker = _Walker(context, classic, inner or [], depth)
    walker.walk(document)
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
                self.inline.append(escape(str(node)))
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
                    self.inline.append(escape(text))
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
        text = soup(html, "html.parser").get_text()
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
            if soup(cleaned, "html.parser").get_text().strip():
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
            self.paragraph("<br>".join(escape(line) for line in lines))
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
            self.pieces.append(Text(f"<p><b>{escape(text)}</b></p>"))
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
                self.paragraph(escape(part))
            if attribution:
                self.paragraph("— " + escape(attribution))
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
                items.append(f"<li>{escape(text)}</li>")
        if items:
            html = sanitise(f"<ul>{''.join(items)}</ul>", LIST_TAGS, self.context)
            self.pieces.append(Text(html))


def _caption_near(img):
    figure = img.find_parent("figure")
    caption = figure.find("figcaption") if figure else None
    return caption.get_text(" ") if caption else ""
