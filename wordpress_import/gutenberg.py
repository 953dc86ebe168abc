"""The block editor's serialised form: HTML between `<!-- wp:name {attrs} -->`
and `<!-- /wp:name -->` comments, read into a tree of blocks.

A port of the grammar of WordPress's own parser (wp-includes/class-wp-block-
parser.php): the same comment pattern, "core/" for names without a namespace,
HTML outside any block kept as a freeform block (name None) as WordPress
keeps classic content that sits between blocks.
"""

import json
import re
from dataclasses import dataclass, field

# WordPress's own token pattern (WP_Block_Parser::next_token).
TOKEN = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<namespace>[a-z][a-z0-9_-]*/)?"
    r"(?P<name>[a-z][a-z0-9_-]*)\s+"
    r"(?P<attrs>\{(?:(?:[^}]+|\}+(?=\})|(?!\}\s+/?-->).)*)?\}\s+)?"
    r"(?P<void>/)?-->",
    re.DOTALL,
)


@dataclass
class Block:
    name: str | None  # "core/paragraph", "acme/call-box"; None for freeform HTML
    attrs: dict = field(default_factory=dict)
    # The block's own HTML strings with its inner blocks between them, in order.
    inner_content: list = field(default_factory=list)

    @property
    def inner_blocks(self):
        return [part for part in self.inner_content if isinstance(part, Block)]

    @property
    def html(self):
        """The block's HTML with its inner blocks' HTML in place."""
        return "".join(
            part if isinstance(part, str) else part.html for part in self.inner_content
        )


def has_blocks(content):
    """Whether the content was saved by the block editor."""
    return TOKEN.search(content or "") is not None


def _attrs(raw):
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def parse_blocks(content):
    """The top-level blocks of `content`; text between blocks is freeform."""
    top = []
    stack = []
    position = 0

    def add_text(text):
        if not text:
            return
        if stack:
            stack[-1].inner_content.append(text)
        elif text.strip():
            top.append(Block(name=None, inner_content=[text]))

    def add_block(block):
        if stack:
            stack[-1].inner_content.append(block)
        else:
            top.append(block)

    for match in TOKEN.finditer(content or ""):
        add_text(content[position : match.start()])
        position = match.end()
        name = (match["namespace"] or "core/") + match["name"]
        if match["closer"]:
            # Close the matching block; unmatched closers are ignored, as
            # WordPress does, and blocks left open inside are closed with it.
            if any(block.name == name for block in stack):
                while stack:
                    block = stack.pop()
                    add_block(block)
                    if block.name == name:
                        break
            continue
        block = Block(name=name, attrs=_attrs(match["attrs"]))
        if match["void"]:
            add_block(block)
        else:
            stack.append(block)
    add_text(content[position:] if content else "")
    while stack:
        # Unclosed at the end: WordPress keeps what was read.
        block = stack.pop()
        add_block(block)
    return top
