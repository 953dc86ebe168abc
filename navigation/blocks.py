from django.core.exceptions import ValidationError

from wagtail import blocks


class LinkBlock(blocks.StructBlock):
    """One link in a menu: a page on this site, or an address elsewhere."""

    page = blocks.PageChooserBlock(
        required=False,
        help_text="A page on this site. The link follows the page if it moves.",
    )
    url = blocks.URLBlock(
        required=False,
        label="Or an external address",
        help_text="Only for other websites, e.g. https://findtreatment.gov.",
    )
    link_text = blocks.CharBlock(
        max_length=60,
        required=False,
        help_text="The words shown. Leave empty to use the page’s title.",
    )
    link_text_es = blocks.CharBlock(
        max_length=60,
        required=False,
        label="Link text on the Spanish pages",
        help_text="Leave empty to use the title of the page’s Spanish "
        "translation (or the words above while it has none).",
    )

    class Meta:
        icon = "link"
        label = "Link"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if bool(value.get("page")) == bool(value.get("url")):
            errors["page"] = ValidationError(
                "Choose a page or type an external address (one, not both)."
            )
        elif value.get("url") and not value.get("link_text"):
            errors["link_text"] = ValidationError(
                "An external link needs words to show; type the link text."
            )
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value


class MenuSectionBlock(LinkBlock):
    """A main-menu entry with an optional list of links below it (one level)."""

    children = blocks.ListBlock(
        LinkBlock(),
        label="Links in this section",
        help_text="Optional. Shown under this entry, in this order.",
    )

    class Meta:
        icon = "list-ul"
        label = "Menu entry"
