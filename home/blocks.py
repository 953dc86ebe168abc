from wagtail import blocks


class FeaturedPageBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock()
    heading = blocks.CharBlock(
        required=False, max_length=120, help_text="Leave empty to use the page title."
    )
    text = blocks.TextBlock(
        required=False,
        max_length=300,
        help_text="Leave empty to use the page's search description.",
    )

    class Meta:
        icon = "doc-full"
        label = "Featured page"
        template = "blocks/featured_page.html"
