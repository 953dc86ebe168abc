from wagtail import blocks


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
