"""WordPress shortcodes: those with a match here become HTML, others stay text."""

import re
from urllib.parse import urlsplit

from wordpress_import.content.pieces import Text
from wordpress_import.content.text import attr, escape

SHORTCODE = re.compile(r"\[(?P<name>[a-zA-Z][\w-]*)(?=[\s\]/])(?P<attrs>[^\]]*)\]")
CAPTION = re.compile(r"\[caption(?P<attrs>[^\]]*)\](?P<inner>.*?)\[/caption\]", re.S)
GALLERY = re.compile(r"\[gallery(?P<attrs>[^\]]*)\]")
EMBED_SHORTCODE = re.compile(r"\[embed[^\]]*\](?P<url>.*?)\[/embed\]", re.S)
SHORTCODE_ATTR = re.compile(r"(\w+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|(\S+))")
IMAGE_START = re.compile(r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.S)
BARE_URL = re.compile(r"^\s*(https?://[^\s<>\"]+)\s*$")


def shortcode_attrs(text):
    return {
        match[1].lower(): match[2] or match[3] or match[4] or ""
        for match in SHORTCODE_ATTR.finditer(text or "")
    }


def embed_pieces(url, context):
    url = (url or "").strip()
    if not BARE_URL.match(url):
        context.note("An embed without an address was left out.")
        return []
    host = urlsplit(url).netloc
    context.note(f"Embedded media from {host} was kept as a link to it.")
    return [Text(f'<p><a href="{attr(url)}">{escape(url)}</a></p>')]


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
