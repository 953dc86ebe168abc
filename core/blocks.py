from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock
from wagtail.images.models import AbstractImage
from wagtail.models import Page
from wagtail.rich_text import RichText, expand_db_html

from contact.blocks import InquiryFormBlock
from core import languages
from core.citations import number_citations
from insurance.blocks import VerifyInsuranceBlock


class CrisisLineBlock(blocks.StructBlock):
    name = blocks.CharBlock(
        max_length=120, help_text="For example: 988 Suicide & Crisis Lifeline."
    )
    phone = blocks.CharBlock(
        max_length=40,
        help_text="As it is dialled: 988, or 1-800-662-4357.",
    )
    note = blocks.CharBlock(
        max_length=160,
        required=False,
        help_text="Optional, for example: Call or text, 24/7.",
    )

    class Meta:
        icon = "warning"
        label = "Crisis line"


class CredentialBlock(blocks.StructBlock):
    """An accreditation or license the center holds, shown as a badge."""

    name = blocks.CharBlock(
        max_length=120,
        help_text="As the body that grants it words it, e.g. Accredited by "
        "The Joint Commission.",
    )
    detail = blocks.CharBlock(
        max_length=160,
        required=False,
        help_text="Optional: a license number or the program it covers.",
    )
    link = blocks.URLBlock(
        required=False,
        help_text="Optional: where a family can check it, e.g. the accreditor's "
        "directory entry for the center.",
    )

    class Meta:
        icon = "success"
        label = "Accreditation or license"


class CallStepBlock(blocks.StructBlock):
    """One step of what happens when a family calls admissions."""

    title = blocks.CharBlock(max_length=80)
    text = blocks.TextBlock(max_length=300)

    class Meta:
        icon = "list-ol"
        label = "Step"


# Rich text in page bodies offers only what the design styles; headings have their
# own block so every heading gets an anchor and a sane level.
BODY_RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ul", "ol"]
# Joins many rich-text values into one string to expand them in a single pass.
RICH_TEXT_SEPARATOR = "<!--evoke-rich-text-boundary-->"
PHONE_HELP = (
    "Type [phone] where the admissions number should appear; it is filled in "
    "from Settings → Center details and dials when tapped."
)


class HeadingBlock(blocks.StructBlock):
    """A section heading with an id so other pages can link to the section."""

    text = blocks.CharBlock(max_length=160)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section (h2)"), ("h3", "Subsection (h3)")],
        default="h2",
        help_text="The page title is the only h1; sections start at h2.",
    )
    anchor = blocks.CharBlock(
        max_length=80,
        required=False,
        validators=[validate_slug],
        help_text="Optional link target, e.g. “treatment”. Leave empty to make "
        "one from the heading.",
    )

    class Meta:
        icon = "title"
        label = "Heading"
        template = "blocks/heading.html"
        preview_value = {"text": "How are heroin and depression connected?"}


class BodyRichTextBlock(blocks.RichTextBlock):
    """Paragraphs and lists; `[phone]` becomes the admissions number."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", BODY_RICH_TEXT_FEATURES)
        kwargs.setdefault("help_text", PHONE_HELP)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = "Text"
        template = "blocks/rich_text.html"
        preview_value = (
            "<p>Recovery is possible. Call Evoke Wellness at Waltham today at "
            "[phone].</p>"
        )


class ImageWithCaptionBlock(blocks.StructBlock):
    """An image whose alt text fits this context (or is marked decorative)."""

    image = ImageBlock(label="Image and alt text")
    caption = blocks.CharBlock(max_length=250, required=False)

    class Meta:
        icon = "image"
        label = "Image"
        template = "blocks/image_with_caption.html"


class PullQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=400)
    attribution = blocks.CharBlock(
        max_length=120, required=False, help_text="Who said it, e.g. “Former client”."
    )

    class Meta:
        icon = "openquote"
        label = "Pull quote"
        template = "blocks/pull_quote.html"
        preview_value = {
            "quote": "Recovery gave me my family back.",
            "attribution": "Former client",
        }


class CallToActionBlock(blocks.StructBlock):
    """A short prompt with one button: call admissions, or go to a page."""

    text = BodyRichTextBlock(features=["bold", "italic", "link"], required=False)
    action = blocks.ChoiceBlock(
        choices=[("call", "Call the admissions phone"), ("page", "Go to a page")],
        default="call",
    )
    page = blocks.PageChooserBlock(
        required=False, help_text="Needed when the button goes to a page."
    )
    button_label = blocks.CharBlock(
        max_length=60,
        required=False,
        help_text="Leave empty for “Call <admissions number>” or the page title.",
    )

    class Meta:
        icon = "link"
        label = "Call to action"
        template = "blocks/call_to_action.html"
        preview_value = {
            "text": "<p>Admissions answers day and night.</p>",
            "action": "call",
        }

    def clean(self, value):
        value = super().clean(value)
        if value.get("action") == "page" and not value.get("page"):
            raise StructBlockValidationError(
                block_errors={
                    "page": ValidationError(
                        "Choose the page the button opens, or make it a call button."
                    )
                }
            )
        return value


class CalloutBlock(blocks.StructBlock):
    """A boxed notice, e.g. where to get help right now."""

    tone = blocks.ChoiceBlock(
        choices=[("info", "Information"), ("crisis", "Crisis notice")],
        default="info",
    )
    heading = blocks.CharBlock(max_length=120, required=False)
    text = BodyRichTextBlock(required=False)
    show_crisis_lines = blocks.BooleanBlock(
        required=False,
        help_text="List 911 and the crisis lines from Settings → Center details.",
    )

    class Meta:
        icon = "warning"
        label = "Callout"
        template = "blocks/callout.html"
        preview_value = {
            "tone": "crisis",
            "heading": "In crisis?",
            "text": "<p>You do not have to wait for an appointment.</p>",
            "show_crisis_lines": True,
        }


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200)
    answer = BodyRichTextBlock()

    class Meta:
        icon = "help"
        label = "Question and answer"


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default=_("Frequently asked questions"))
    questions = blocks.ListBlock(QuestionAnswerBlock(), min_num=1)

    class Meta:
        icon = "help"
        label = "FAQ"
        template = "blocks/faq.html"
        preview_value = {
            "heading": "Frequently asked questions",
            "questions": [
                {
                    "question": "Does insurance cover treatment?",
                    "answer": "<p>Most plans do. Admissions checks yours for free.</p>",
                }
            ],
        }


class SourceBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=250)
    publisher = blocks.CharBlock(
        max_length=160,
        required=False,
        help_text="E.g. National Institute of Mental Health.",
    )
    url = blocks.URLBlock(required=False, label="Link")
    accessed = blocks.DateBlock(
        required=False,
        label="Accessed",
        help_text="When you last read it online.",
    )

    class Meta:
        icon = "link-external"
        label = "Source"


class SourcesBlock(blocks.StructBlock):
    """Citations for the medical facts on the page. Typing "[2]" in the page's
    text links to the second entry (core.citations)."""

    heading = blocks.CharBlock(max_length=120, default=_("Sources"))
    sources = blocks.ListBlock(
        SourceBlock(),
        min_num=1,
        label="Cited sources",
        help_text="Numbered in this order: type [1], [2] … in the text to cite them.",
    )

    class Meta:
        icon = "list-ol"
        label = "Sources"
        template = "blocks/sources.html"
        preview_value = {
            "heading": "Sources",
            "sources": [
                {
                    "title": "Substance Use and Co-Occurring Mental Disorders",
                    "publisher": "National Institute of Mental Health",
                    "url": "https://www.nimh.nih.gov/health/topics/substance-use-and-mental-health",
                }
            ],
        }


class BodyStreamBlock(blocks.StreamBlock):
    """The body shared by articles, service pages and standard pages."""

    heading = HeadingBlock()
    rich_text = BodyRichTextBlock()
    image = ImageWithCaptionBlock()
    pull_quote = PullQuoteBlock()
    call_to_action = CallToActionBlock()
    callout = CalloutBlock()
    faq = FAQBlock()
    sources = SourcesBlock()
    inquiry_form = InquiryFormBlock()
    verify_insurance = VerifyInsuranceBlock()


def _walk_values(value):
    """Every leaf value in a stream, struct or list value, depth first."""
    if isinstance(value, blocks.StreamValue):
        for child in value:
            yield from _walk_values(child.value)
    elif isinstance(value, (blocks.StructValue, dict)):
        for child in value.values():
            yield from _walk_values(child)
    elif isinstance(value, (blocks.list_block.ListValue, list, tuple)):
        for child in value:
            yield from _walk_values(child)
    else:
        yield value


def prepare_body(body):
    """Fetch what a body needs to render in a fixed number of queries.

    Left alone, each image costs a query per rendition and each rich-text value
    with page links a query of its own, so a long page would cost more than a
    short one. Here all images' renditions load in one query, and all rich text
    is expanded in one pass, whose link lookups are batched per link type.
    """
    values = list(_walk_values(body))
    images = [value for value in values if isinstance(value, AbstractImage)]
    prefetch_related_objects(images, "renditions")
    # Pages a call to action links to, in the visitor's language.
    languages.prepare_translations(
        [value for value in values if isinstance(value, Page)]
    )
    rich_texts = [value for value in values if isinstance(value, RichText)]
    if rich_texts:
        expanded = expand_db_html(
            RICH_TEXT_SEPARATOR.join(value.source for value in rich_texts)
        ).split(RICH_TEXT_SEPARATOR)
        if len(expanded) == len(rich_texts):
            for value, html in zip(rich_texts, expanded, strict=True):
                value.expanded_html = html
            number_citations(body, rich_texts)
