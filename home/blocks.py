from wagtail import blocks
from wagtail.models import Page

from core import languages
from seo.pages import page_description


class SpecificPageChooserBlock(blocks.PageChooserBlock):
    """A page chooser whose value is the page as its own type (with its summary).

    Wagtail gives a chooser for any page type a plain Page; loading all the
    chosen pages at once as their own types costs one query per page type,
    however many cards there are.
    """

    def to_python(self, value):
        return self.bulk_to_python([value])[0]

    def bulk_to_python(self, values):
        pages = Page.objects.filter(pk__in=[v for v in values if v]).specific()
        by_pk = {page.pk: page for page in pages}
        return [by_pk.get(value) for value in values]


class FeaturedPageBlock(blocks.StructBlock):
    page = SpecificPageChooserBlock()
    heading = blocks.CharBlock(
        required=False, max_length=120, help_text="Leave empty to use the page title."
    )
    text = blocks.TextBlock(
        required=False,
        max_length=300,
        help_text="Leave empty to use the page's own description or summary.",
    )

    class Meta:
        icon = "doc-full"
        label = "Featured page"
        template = "blocks/featured_page.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        # The chosen page in the visitor's language, described in it too.
        page = languages.in_visitors_language(value["page"])
        context["linked"] = page
        context["description"] = value["text"] or (
            page_description(page) if page else ""
        )
        return context
