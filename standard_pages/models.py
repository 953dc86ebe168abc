from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import prepare_body
from seo.models import SeoMixin
from standard_pages.blocks import StandardPageBodyBlock


class StandardPage(SeoMixin, Page):
    """About, admissions, insurance, privacy, careers: a title, intro and body."""

    introduction = models.TextField(
        max_length=400,
        blank=True,
        help_text="One or two sentences under the title, also used in listings.",
    )
    body = StreamField(StandardPageBodyBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]

    search_fields = [
        *Page.search_fields,
        # Boosted: ranked with the title in site search (site_search/vectors.py).
        index.SearchField("introduction", boost=2),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "standard_pages.StandardPage"]
    subpage_types = ["standard_pages.StandardPage"]

    class Meta:
        verbose_name = "standard page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        prepare_body(self.body)
        return context
