"""Pieces into the raw data of a body StreamField (core.blocks.BodyStreamBlock)."""

import uuid

from django.utils.text import Truncator

from core.rich_text import PHONE_TOKEN
from wordpress_import.content.pieces import Heading, Image, Quote, Text
from wordpress_import.content.text import escape, plain_text

CAPTION_MAX = 250


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
                text.append(f"<p>{escape(extra)}</p>")
    flush_text()
    return blocks


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
