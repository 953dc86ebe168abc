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

from wordpress_import.content.pieces import Context
from wordpress_import.content.reading import content_to_pieces
from wordpress_import.content.stream import block_id, pieces_to_stream, summary_from
from wordpress_import.content.text import plain_text

__all__ = [
    "Context",
    "block_id",
    "content_to_pieces",
    "pieces_to_stream",
    "plain_text",
    "summary_from",
]
