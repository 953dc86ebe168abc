from django.conf import settings
from django.db.models import Q

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page, get_page_models

from core import languages
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
    """Wagtail's sitemap (live, public pages of the site, with lastmod) in
    every language, less the pages that are not to be found through search
    engines; each translated page lists its other languages (hreflang)."""

    def items(self):
        site = self.get_wagtail_site()
        return (
            Page.objects.filter(languages.in_site_in_every_language(site))
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
            .exclude(hidden_from_search_engines())
        )


def alternates_of(page, request):
    """[{"lang_code", "location"}] for `page` (x-default included) when it is
    in more than one language; the site's translations are read once per
    sitemap request."""
    if request is None:
        return []
    by_key = getattr(request, "sitemap_translations", None)
    if by_key is None:
        by_key = {}
        translated = (
            Page.objects.live()
            .public()
            .filter(
                translation_key__in=Page.objects.exclude(
                    locale_id=page.locale_id
                ).values("translation_key")
            )
            .select_related("locale")
            .order_by("path")
        )
        for translation in translated:
            by_key.setdefault(translation.translation_key, []).append(translation)
        request.sitemap_translations = by_key
    translations = by_key.get(page.translation_key, [])
    if len(translations) < 2:
        return []
    alternates = [
        {
            "lang_code": translation.locale.language_code,
            "location": translation.get_full_url(request),
        }
        for translation in translations
    ]
    default = next(
        (t for t in translations if t.locale.language_code == settings.LANGUAGE_CODE),
        None,
    )
    if default is not None:
        alternates.append(
            {"lang_code": "x-default", "location": default.get_full_url(request)}
        )
    return alternates
