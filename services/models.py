from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from django.db.models.functions import Cast
from django.forms import CheckboxSelectMultiple
from django.utils.functional import SimpleLazyObject

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, ReferenceIndex
from wagtail.search import index

from core.blocks import BodyStreamBlock, prepare_body
from core.images import CARD_FILTERS, images_with_renditions
from core.models import NamedInSpanish
from core.page_mixins import HeroImageMixin, MedicalReviewMixin
from editorial.models import HealthContentPermissions
from seo.models import SeoMixin

# Renditions a listing card uses, fetched with the images in one query.
RELATED_ARTICLES_SHOWN = 6


class LevelOfCare(NamedInSpanish):
    """A level of care (detox, residential, ...), in the clinical order of care.

    The five levels are created by a data migration; a program lists the levels
    it is offered in.
    """

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.CharField(
        max_length=200, blank=True, help_text="One line shown to visitors."
    )
    sort_order = models.PositiveSmallIntegerField(default=0)
    description_es = models.CharField(
        "description on the Spanish pages", max_length=200, blank=True
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
        NamedInSpanish.spanish_panel(),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "level of care"
        verbose_name_plural = "levels of care"


class ServiceIndexPage(HealthContentPermissions, SeoMixin, Page):
    """“Treatment programs”: lists the programs and therapies below it."""

    introduction = models.TextField(
        max_length=500,
        blank=True,
        help_text="A short welcome above the list of programs.",
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["services.ServicePage"]

    class Meta:
        verbose_name = "treatment programs index"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = (
            ServicePage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .prefetch_related(
                Prefetch("hero_image", queryset=images_with_renditions(*CARD_FILTERS))
            )
        )
        return context


class ServicePage(
    HealthContentPermissions, HeroImageMixin, MedicalReviewMixin, SeoMixin, Page
):
    """A treatment program or therapy: what it is, how it works, who it is for."""

    summary = models.TextField(
        max_length=300,
        help_text="One or two sentences for the program list and search results.",
    )
    body = StreamField(BodyStreamBlock())
    levels_of_care = ParentalManyToManyField(
        LevelOfCare,
        blank=True,
        related_name="services",
        help_text="The levels of care this program is offered in.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("levels_of_care", widget=CheckboxSelectMultiple)],
            heading="Levels of care",
        ),
        MultiFieldPanel(
            [MedicalReviewMixin.medical_review_panel], heading="Medical review"
        ),
    ]

    search_fields = [
        *Page.search_fields,
        # Boosted: ranked with the title in site search (site_search/vectors.py).
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
    ]

    parent_page_types = ["services.ServiceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "treatment program"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the content is rendered, not when it is kept.
        context["content"] = SimpleLazyObject(lambda: self.get_content_context())
        return context

    def get_content_context(self):
        """What the program's content needs, in a fixed number of queries."""
        self.prefetch_hero()
        prepare_body(self.body)
        return {
            "body": self.body,
            "levels_of_care": list(self.levels_of_care.all()),
            "related_articles": self.related_articles(),
        }

    @property
    def search_description_or_summary(self):
        return self.search_description or self.summary

    def related_articles(self, limit=RELATED_ARTICLES_SHOWN):
        """Live articles whose text links to this program, newest first.

        Read from Wagtail's reference index, which is kept up to date whenever an
        article is saved, so editors only link the program from the article and
        it is listed here in return. The newest articles are probed against the
        index's unique key and the database stops at `limit`, so the cost does
        not grow with the number of articles linking here (thousands for the
        main program).
        """
        article_model = apps.get_model("articles", "ArticlePage")
        links_here = ReferenceIndex.get_references_to(self).filter(
            # Pages are indexed under the Page content type with their id as text.
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id=Cast(OuterRef("pk"), models.CharField()),
        )
        return list(
            article_model.objects.live()
            .public()
            # Not another center's alias of an article (articles.library): its
            # text links here too, but the article itself is listed.
            .filter(Exists(links_here), alias_of=None)
            .defer_streamfields()
            .prefetch_related(
                Prefetch("hero_image", queryset=images_with_renditions(*CARD_FILTERS))
            )
            .order_by("-first_published_at", "-pk")[:limit]
        )

    def pages_showing_it(self):
        """Besides its index and the home page, the pages the front cache purges
        (core.frontend_cache) when this program changes: the centers offering
        it list it."""
        return self.locations.all()
