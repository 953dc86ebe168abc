from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from core.blocks import prepare_body
from core.images import HOME_HERO_FILTERS
from core.page_mixins import HeroImageMixin
from home.blocks import FeaturedPageBlock
from seo.models import SeoMixin


class HomePage(HeroImageMixin, SeoMixin, Page):
    hero_filters = HOME_HERO_FILTERS

    hero_heading = models.CharField(
        max_length=120,
        blank=True,
        help_text="The largest text on the page. Leave empty to use the page title.",
    )
    hero_text = models.TextField(
        max_length=400, blank=True, help_text="One or two reassuring sentences."
    )
    intro = RichTextField(
        blank=True, features=["bold", "italic", "link", "ul", "ol", "h2", "h3"]
    )
    featured = StreamField(
        [("featured_page", FeaturedPageBlock())],
        blank=True,
        help_text="Programs and articles to show on the home page, in this order.",
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
            ],
            heading="Hero",
        ),
        FieldPanel("intro"),
        FieldPanel("featured"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The featured pages' translations in one query on a Spanish home page.
        prepare_body(self.featured)
        return context
