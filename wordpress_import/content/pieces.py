"""What a post's content is read into, before it becomes blocks."""

from dataclasses import dataclass, field


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
