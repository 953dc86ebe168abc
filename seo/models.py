from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel

# What search results show before cutting a title or description short
# (roughly 600 pixels for a title); the admin tells editors, nothing enforces it.
TITLE_LENGTH = (50, 60)
DESCRIPTION_LENGTH = (120, 160)
TITLE_LENGTH_HINT = "About {}–{} characters".format(*TITLE_LENGTH)
DESCRIPTION_LENGTH_HINT = "About {}–{} characters".format(*DESCRIPTION_LENGTH)


def length_count(length_range):
    """Panel attributes for a live character count (seo/static/seo/js)."""
    low, high = length_range
    return {
        "data-controller": "seo-length",
        "data-seo-length-min-value": low,
        "data-seo-length-max-value": high,
    }


class SeoMixin(models.Model):
    """What search engines and share cards show for a page, on its Promote tab.

    Wagtail's Page already has the title tag (`seo_title`) and meta description
    (`search_description`); this adds the share image, a canonical address for
    copied content and the switch that keeps a page out of search engines (read
    by seo.sitemap and the seo_meta tag).
    """

    share_image = models.ForeignKey(
        "core.SiteImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown when the page is shared on social media, cropped to "
        "1200×630. Leave empty to use the page's hero image.",
    )
    canonical_url = models.URLField(
        "canonical address",
        blank=True,
        help_text="Only for a page that repeats another page's content: the full "
        "address search engines should list instead of this page. Leave empty "
        "otherwise.",
    )
    noindex = models.BooleanField(
        "hide from search engines",
        default=False,
        help_text="Asks search engines not to list this page and leaves it out of "
        "the sitemap. Visitors can still open it.",
    )

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel(
                    "seo_title",
                    help_text=f"{TITLE_LENGTH_HINT}: the clickable headline in "
                    "search results. Leave empty to use the page title.",
                    attrs=length_count(TITLE_LENGTH),
                ),
                FieldPanel(
                    "search_description",
                    help_text=f"{DESCRIPTION_LENGTH_HINT}: the text under the "
                    "headline in search results and on share cards. Leave empty to "
                    "use the page's summary or introduction.",
                    attrs=length_count(DESCRIPTION_LENGTH),
                ),
                FieldPanel("noindex"),
                FieldPanel("canonical_url"),
            ],
            heading="For search engines",
        ),
        MultiFieldPanel([FieldPanel("share_image")], heading="For social media"),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading="For site menus"),
    ]

    class Meta:
        abstract = True

    def get_sitemap_urls(self, request=None):
        from seo.sitemap import alternates_of

        urls = super().get_sitemap_urls(request)
        alternates = alternates_of(self, request)
        if alternates:
            for url in urls:
                url["alternates"] = alternates
        return urls
