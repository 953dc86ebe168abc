from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from core.blocks import BodyRichTextBlock, BodyStreamBlock


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, help_text="E.g. “Call admissions”.")
    text = BodyRichTextBlock(features=["bold", "italic", "link"], required=False)

    class Meta:
        icon = "tick"
        label = "Step"


class StepsBlock(blocks.StructBlock):
    """Numbered steps, e.g. the admissions process from first call to day one."""

    heading = blocks.CharBlock(max_length=120, default=_("How admission works"))
    steps = blocks.ListBlock(StepBlock(), min_num=1, label="Steps in order")

    class Meta:
        icon = "list-ol"
        label = "Steps"
        template = "blocks/steps.html"
        preview_value = {
            "heading": "How admission works",
            "steps": [
                {"title": "Call admissions", "text": "<p>We answer 24/7.</p>"},
                {"title": "Verify insurance", "text": "<p>We check it for you.</p>"},
            ],
        }


class InsurerListBlock(blocks.StructBlock):
    """The insurance plans the center accepts: Snippets → Accepted insurers, the
    same list the insurance verification form offers."""

    heading = blocks.CharBlock(max_length=120, default=_("Insurance we accept"))
    note = BodyRichTextBlock(
        features=["bold", "italic", "link"],
        required=False,
        help_text="E.g. “Don’t see your plan? Call [phone] and we will check.” "
        "The list itself is edited under Snippets → Accepted insurers.",
    )

    class Meta:
        icon = "list-ul"
        label = "Accepted insurers"
        template = "blocks/insurer_list.html"
        preview_value = {
            "heading": "Insurance we accept",
            "note": "<p>Don’t see your plan? Call [phone].</p>",
        }


class StandardPageBodyBlock(BodyStreamBlock):
    """The shared body blocks plus steps and an insurer list."""

    steps = StepsBlock()
    insurers = InsurerListBlock()
