from wagtail import blocks


class InquiryFormBlock(blocks.StructBlock):
    """A compact inquiry form an editor can place in any page body.

    It posts to the same handler as the contact page, so every inquiry is stored,
    protected and followed up the same way wherever it was sent from.
    """

    heading = blocks.CharBlock(
        max_length=120, default="Ask us a question", help_text="Shown above the form."
    )
    text = blocks.TextBlock(
        required=False,
        max_length=300,
        help_text="Optional reassurance, e.g. who will reply and how soon.",
    )

    class Meta:
        icon = "mail"
        label = "Inquiry form"
        template = "contact/blocks/inquiry_form.html"
        preview_value = {
            "heading": "Ask us a question",
            "text": "Our admissions team replies within one business day.",
        }
