from django.db.models import Q

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import get_page_models

from seo.models import SeoMixin


def hidden_from_search_engines():
    """A filter matching the pages a sitemap must leave out: those editors hid
    from search engines, and those naming another address as canonical (a
    sitemap lists canonical addresses only), among them a center's copy of
    an article another center publishes (articles.library)."""
    hidden = Q(alias_of__isnull=False)
    for model in get_page_models():
        if issubclass(model, SeoMixin):
            hidden |= Q(
                pk__in=model.objects.filter(
                    Q(noindex=True) | ~Q(canonical_url="")
                ).values("pk")
            )
    return hidden


class IndexableSitemap(Sitemap):
    """Wagtail's sitemap (live, public pages of the site, with lastmod), less
    the pages that are not to be found through search engines."""

    def items(self):
        return super().items().exclude(hidden_from_search_engines())
