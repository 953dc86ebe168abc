import math

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.html import strip_tags

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageLogEntry, Site
from wagtail.search import index

from core import generation
from core.blocks import BodyStreamBlock, prepare_body
from core.images import CARD_FILTERS, images_with_renditions
from core.models import NamedInSpanish
from core.page_mixins import HeroImageMixin, MedicalReviewMixin
from editorial.models import HealthContentPermissions
from seo.models import SeoMixin

WORDS_PER_MINUTE = 200


# How many related articles an article shows.
RELATED_ARTICLES = 3


class ArticleCategory(NamedInSpanish):
    """A topic articles are filed under, e.g. Substances › Heroin."""

    name = models.CharField(max_length=80)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="Used in the address: /articles/category/<slug>/.",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="Leave empty for a top-level category such as “Substances”.",
    )
    description = models.TextField(
        max_length=400, blank=True, help_text="Shown on the category's article list."
    )
    description_es = models.TextField(
        "description on the Spanish pages", max_length=400, blank=True
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("parent"),
        FieldPanel("description"),
        NamedInSpanish.spanish_panel(),
    ]

    class Meta:
        ordering = ["parent__name", "name"]
        verbose_name = "article category"
        verbose_name_plural = "article categories"

    def __str__(self):
        if self.parent_id:
            return f"{self.parent.shown_name} › {self.shown_name}"
        return self.shown_name

    def clean(self):
        super().clean()
        # Two levels are all the navigation shows; deeper trees confuse readers.
        if self.parent_id and (
            self.parent_id == self.pk or self.parent.parent_id is not None
        ):
            raise ValidationError(
                {
                    "parent": "Choose a top-level category (one without a parent), "
                    "or leave this empty."
                }
            )


def category_sort_key(category):
    """Each top-level category followed by its subcategories, alphabetically."""
    top = category.parent or category
    return (
        top.shown_name.lower(),
        category.parent_id is not None,
        category.shown_name.lower(),
    )


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticleIndexPage(HealthContentPermissions, RoutablePageMixin, SeoMixin, Page):
    """The list of articles, newest first, filterable by category and tag."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    articles_per_page = models.PositiveSmallIntegerField(
        default=10, help_text="How many articles each page of the list shows."
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("articles_per_page"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.ArticlePage"]

    class Meta:
        verbose_name = "article index page"

    def get_articles(self):
        """Published, public articles under this index, ready for a listing."""
        return (
            ArticlePage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .prefetch_related(
                Prefetch("hero_image", queryset=images_with_renditions(*CARD_FILTERS)),
                Prefetch(
                    "categories",
                    queryset=ArticleCategory.objects.select_related("parent"),
                ),
            )
            .order_by("-first_published_at", "-pk")
        )

    def count_articles(self, request, articles, listing):
        """How many articles a listing holds, counted once per content generation.

        Counting reads every live article under the index, so on every view it
        would cost more the more articles there are. The count only changes
        when a page is published, unpublished, moved, deleted or made private
        (each starts a new content generation, core.generation) or with the
        `listing` itself: this index's list, a category's or a tag's.
        """
        return generation.remembered(
            request, f"article-count:{listing}", articles.count
        )

    def paginate(self, request, articles, listing):
        # get_page turns a missing or malformed number into page 1 and a number past
        # the end into the last page, so a stale link never shows an error.
        paginator = Paginator(articles, self.articles_per_page or 10)
        paginator.count = self.count_articles(request, articles, listing)
        page = paginator.get_page(request.GET.get("page"))
        # A few numbers around the current page and the ends, so the list (and
        # the HTML) stays the same size however many articles there are.
        page.nearby_numbers = paginator.get_elided_page_range(
            page.number, on_each_side=2, on_ends=1
        )
        return page

    def render_list(self, request, articles, *, category=None, tag=None):
        listing = f"{self.pk}:{category.pk if category else ''}:{tag.pk if tag else ''}"
        page = self.paginate(request, articles, listing)
        # The list as shown is kept per page number for the content generation
        # (the template's wagtailpagecache); the page's articles are read
        # lazily and the categories by calling, so a kept list reads neither.
        return self.render(
            request,
            context_overrides={
                "articles": page,
                "category": category,
                "tag": tag,
                "listing": listing,
                "categories": lambda: sorted(
                    ArticleCategory.objects.select_related("parent"),
                    key=category_sort_key,
                ),
            },
        )

    @path("")
    def article_list(self, request):
        return self.render_list(request, self.get_articles())

    @path("category/<slug:slug>/")
    def articles_in_category(self, request, slug):
        category = get_object_or_404(
            ArticleCategory.objects.select_related("parent"), slug=slug
        )
        # A top-level category also lists its subcategories' articles.
        # The category and its subcategories by id, then a semi-join, not a
        # join and DISTINCT: the newest articles are read in date order and
        # the list stops at one page of them, however many the category holds.
        category_ids = list(
            ArticleCategory.objects.filter(
                models.Q(pk=category.pk) | models.Q(parent=category)
            ).values_list("pk", flat=True)
        )
        in_category = ArticlePage.categories.through.objects.filter(
            articlecategory__in=category_ids
        ).values("articlepage_id")
        articles = self.get_articles().filter(pk__in=in_category)
        return self.render_list(request, articles, category=category)

    @path("tag/<slug:slug>/")
    def articles_with_tag(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        articles = self.get_articles().filter(tags=tag)
        return self.render_list(request, articles, tag=tag)

    @path("feed/")
    def rss_feed(self, request):
        from articles.feeds import ArticleFeed

        return ArticleFeed(self)(request)

    @path("feed/atom/")
    def atom_feed(self, request):
        from articles.feeds import ArticleAtomFeed

        return ArticleAtomFeed(self)(request)

    def get_cached_paths(self):
        """The addresses that list this index's articles, for the front cache:
        the list, both feeds and each category's and tag's list. Their pages
        (?page=N) go with each address (deploy/varnish/default.vcl), so the
        number of paths grows with the taxonomy, not with the articles."""
        tags = Tag.objects.filter(
            pk__in=ArticleTag.objects.filter(
                content_object__in=ArticlePage.objects.child_of(self)
            ).values("tag_id")
        )
        return [
            "/",
            self.reverse_subpage("rss_feed"),
            self.reverse_subpage("atom_feed"),
            *(
                self.reverse_subpage("articles_in_category", args=[slug])
                for slug in ArticleCategory.objects.values_list("slug", flat=True)
            ),
            *(
                self.reverse_subpage("articles_with_tag", args=[slug])
                for slug in tags.values_list("slug", flat=True)
            ),
        ]


class ArticlePage(
    HealthContentPermissions, HeroImageMixin, MedicalReviewMixin, SeoMixin, Page
):
    """A health article: hero, body, reviewer, categories, tags, related reading."""

    summary = models.TextField(
        max_length=300,
        help_text="One or two sentences for listings and search results "
        "(used as the meta description).",
    )
    hero_caption = models.CharField(max_length=250, blank=True)
    body = StreamField(BodyStreamBlock())
    author = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    categories = ParentalManyToManyField(
        ArticleCategory, blank=True, related_name="articles"
    )
    tags = ClusterTaggableManager(through=ArticleTag, blank=True)
    also_shown_at = ParentalManyToManyField(
        "wagtailcore.Site",
        blank=True,
        related_name="+",
        verbose_name="also shown on these centers' sites",
        help_text="The article, reviewed once, appears on each ticked center's "
        "site with that center's phone; search engines are pointed here "
        "(articles.library).",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_caption")], heading="Hero"
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("author"),
                MedicalReviewMixin.medical_review_panel,
            ],
            heading="Author and medical review",
        ),
        MultiFieldPanel(
            [
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading="Topics",
        ),
        FieldPanel("also_shown_at", widget=forms.CheckboxSelectMultiple),
        InlinePanel(
            "related_links",
            label="Related article",
            heading="Related articles",
            help_text="Leave empty to show the newest articles in the same category.",
            max_num=RELATED_ARTICLES,
        ),
    ]

    search_fields = [
        *Page.search_fields,
        # Boosted: ranked with the title in site search (site_search/vectors.py).
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
    ]

    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "article page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the content is rendered, not when it is kept.
        context["content"] = SimpleLazyObject(lambda: self.get_content_context(request))
        return context

    def get_content_context(self, request):
        """What the article's content needs, fetched in a fixed number of queries
        however many blocks, images or related articles there are. Skipped when
        the rendered content of the live revision is kept."""
        self.prefetch_hero()
        prepare_body(self.body)
        context = {"body": self.body}
        prefetch_related_objects([self], "author")
        # .all() rather than a fresh query, so previews show unsaved choices.
        categories = list(self.categories.all())
        prefetch_related_objects(categories, "parent")
        categories.sort(key=category_sort_key)
        index = ArticleIndexPage.objects.parent_of(self).first()
        index_url = index.get_url(request) if index else None
        context["category_links"] = [
            {
                "category": category,
                "url": index_url
                + index.reverse_subpage("articles_in_category", args=[category.slug]),
            }
            for category in categories
            if index_url
        ]
        context["tags"] = list(self.tags.all()) if index_url else []
        context["tag_base_url"] = f"{index_url}tag/" if index_url else ""
        context["related_articles"] = self.get_related_articles(categories)
        return context

    @property
    def search_description_or_summary(self):
        return self.search_description or self.summary

    @cached_property
    def reading_minutes(self):
        """Minutes to read the body at an average adult pace, at least one."""
        words = sum(
            len(strip_tags(text).split())
            for text in _strings_in(list(self.body.raw_data))
        )
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    def get_related_articles(self, categories=None, limit=RELATED_ARTICLES):
        """Editor-chosen articles, else the newest in the same categories.

        Never this article itself, and only live ones.
        """
        listing = (
            ArticlePage.objects.live()
            .public()
            .exclude(pk=self.pk)
            .filter(url_path__startswith=self.site_url_path())
            .defer_streamfields()
            .prefetch_related(
                Prefetch("hero_image", queryset=images_with_renditions(*CARD_FILTERS))
            )
        )
        chosen_ids = [
            link.related_article_id
            for link in self.related_links.all()
            if link.related_article_id
        ]
        if chosen_ids:
            # On another center's site (articles.library) a chosen article is
            # that center's copy of it.
            by_id = {
                page.alias_of_id or page.pk: page
                for page in listing.filter(
                    models.Q(pk__in=chosen_ids) | models.Q(alias_of__in=chosen_ids)
                )
            }
            return [by_id[pk] for pk in chosen_ids if pk in by_id][:limit]
        if categories is None:
            categories = list(self.categories.all())
        if not categories:
            return []
        # A semi-join rather than a join and DISTINCT: the database walks the
        # newest articles (the index on first_published_at) and stops at
        # `limit`, instead of sorting every article of the categories.
        in_categories = ArticlePage.categories.through.objects.filter(
            articlecategory__in=categories
        ).values("articlepage_id")
        return list(
            listing.filter(pk__in=in_categories).order_by("-first_published_at", "-pk")[
                :limit
            ]
        )

    def site_url_path(self):
        """The url_path of the root of the site this article is on: related
        articles come from the same center's site."""
        roots = [
            root.root_path
            for root in Site.get_site_root_paths()
            if self.url_path.startswith(root.root_path)
        ]
        return max(roots, key=len, default="/")

    def sections_showing_it(self):
        """The sections the front cache drops (core.frontend_cache) when this
        article is published, unpublished, moved or deleted.

        Every article index, only while other articles' automatic related lists
        may show this one (see `shown_in_automatic_related_lists`): those lists
        take the newest articles in their categories from any index, and one ban
        of each index costs one request where a purge of each article would cost
        thousands. An edit to an older article leaves the others cached.

        Every programs index: a program lists the articles linking to it
        (ServicePage.related_articles), and once a publish has removed a link,
        nothing records which program the article was listed on. Programs
        number a few dozen.
        """
        from services.models import ServiceIndexPage

        sections = list(ServiceIndexPage.objects.all())
        if self.shown_in_automatic_related_lists():
            sections += ArticleIndexPage.objects.all()
        return sections

    def pages_showing_it(self):
        """The articles whose editors chose this one as related."""
        return ArticlePage.objects.filter(related_links__related_article=self)

    def shown_in_automatic_related_lists(self):
        """Whether another article's automatic related list may show this one,
        now or as it was last published.

        Another article lists the newest RELATED_ARTICLES of its categories but
        itself, so this one can be among them only in a category with at most
        RELATED_ARTICLES live articles newer than it. The categories it was last
        published with count too: one it just left must lose it.
        """
        if self.first_published_at is None:
            return True
        newer = (
            ArticlePage.objects.live()
            .public()
            .exclude(pk=self.pk)
            # Lists show the articles of their own center's site.
            .filter(url_path__startswith=self.site_url_path())
            .filter(
                models.Q(first_published_at__gt=self.first_published_at)
                | models.Q(first_published_at=self.first_published_at, pk__gt=self.pk)
            )
        )
        categories = {category.pk for category in self.categories.all()}
        categories |= self.categories_as_last_published()
        return any(
            newer.filter(categories=pk)[: RELATED_ARTICLES + 1].count()
            <= RELATED_ARTICLES
            for pk in categories
        )

    def categories_as_last_published(self):
        """The categories of the version published before the live one, as
        Wagtail's audit log names it (none if there was none)."""
        entry = (
            PageLogEntry.objects.filter(
                page=self, action="wagtail.publish", revision__isnull=False
            )
            .exclude(revision_id=self.live_revision_id)
            .select_related("revision")
            .order_by("-timestamp", "-pk")
            .first()
        )
        if entry is None:
            return set()
        return set(entry.revision.content.get("categories") or [])


def _strings_in(data):
    """Every string in a StreamField's raw JSON, for counting words."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in {"type", "id", "action", "level", "tone", "anchor", "url"}:
                yield from _strings_in(value)
    elif isinstance(data, (list, tuple)):
        for item in data:
            yield from _strings_in(item)


class ArticleRelatedLink(Orderable):
    page = ParentalKey(
        ArticlePage, on_delete=models.CASCADE, related_name="related_links"
    )
    related_article = models.ForeignKey(
        ArticlePage, on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("related_article", "articles.ArticlePage")]

    def clean(self):
        super().clean()
        if self.related_article_id and self.related_article_id == self.page_id:
            raise ValidationError(
                {"related_article": "Choose a different article; this is the same one."}
            )
