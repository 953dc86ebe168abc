from django.db.models import Q

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import get_page_models

# A page type with a boolean field of this name can keep single pages out of
# search engines: they leave the sitemap and get <meta name="robots" noindex>.
NOINDEX_FIELD = "noindex"


def hidden_from_search_engines():
    """A filter matching pages whose specific type has NOINDEX_FIELD set."""
    hidden = Q(pk__in=[])
    for model in get_page_models():
        if any(field.name == NOINDEX_FIELD for field in model._meta.local_fields):
            hidden |= Q(
                pk__in=model.objects.filter(**{NOINDEX_FIELD: True}).values("pk")
            )
    return hidden


class IndexableSitemap(Sitemap):
    """Wagtail's sitemap (live, public pages of the site, with lastmod), less
    the pages editors asked search engines not to index."""

    def items(self):
        return super().items().exclude(hidden_from_search_engines())
