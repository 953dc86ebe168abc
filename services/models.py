from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Prefetch
from django.forms import CheckboxSelectMultiple

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, ReferenceIndex
from wagtail.search import index

from core.blocks import BodyStreamBlock, prepare_body
from core.images import CARD_FILTERS, images_with_renditions

# Renditions a listing card uses, fetched with the images in one query.
RELATED_ARTICLES_SHOWN = 6


class LevelOfCare(models.Model):
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

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "level of care"
        verbose_name_plural = "levels of care"

    def __str__(self):
        return self.name


class ServiceIndexPage(Page):
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


class ServicePage(Page):
    """A treatment program or therapy: what it is, how it works, who it is for."""

    summary = models.TextField(
        max_length=300,
        help_text="One or two sentences for the program list and search results.",
    )
    hero_image = models.ForeignKey(
        "core.SiteImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Wide image shown under the title; its alt text comes from the "
        "image library.",
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
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["services.ServiceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "treatment program"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        prepare_body(self.body)
        context["levels_of_care"] = list(self.levels_of_care.all())
        context["related_articles"] = self.related_articles()
        return context

    @property
    def search_description_or_summary(self):
        return self.search_description or self.summary

    def related_articles(self, limit=RELATED_ARTICLES_SHOWN):
        """Live articles whose text links to this program, newest first.

        Read from Wagtail's reference index, which is kept up to date whenever an
        article is saved, so editors only link the program from the article and
        it is listed here in return. Two queries, whatever the number of links.
        """
        article_model = apps.get_model("articles", "ArticlePage")
        article_ids = {
            int(object_id)
            for object_id in ReferenceIndex.get_references_to(self)
            .filter(content_type=ContentType.objects.get_for_model(article_model))
            .values_list("object_id", flat=True)
        }
        if not article_ids:
            return []
        return list(
            article_model.objects.live()
            .public()
            .filter(pk__in=article_ids)
            .defer_streamfields()
            .prefetch_related(
                Prefetch("hero_image", queryset=images_with_renditions(*CARD_FILTERS))
            )
            .order_by("-first_published_at", "-pk")[:limit]
        )
