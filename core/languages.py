"""The site's two languages: which page is the same page in the other one.

English pages live at today's addresses and Spanish ones under /es/
(evoke_site/urls.py); a Spanish page is a Wagtail translation of an English
one (same translation key, made with wagtail-localize). These answers feed the
language switcher in the header, the hreflang alternates of the head and of
sitemap.xml, and the notice shown when a page has no translation yet.
"""

from django.conf import settings
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import get_language

from wagtail.models import Locale, Page, Site

from core import generation

# Where the switcher sends a visitor whose page has no translation: the other
# language's home page, which then says so (templates/base.html).
UNTRANSLATED_PARAMETER = "untranslated"


def language_name(code):
    return dict(settings.LANGUAGES)[code]


def live_translations(page, request=None):
    """{language code: the live page} for `page` and its translations, kept
    in this process for the content generation (publishing or withdrawing a
    translation bumps it), so a page view usually costs no query for them."""
    if page is None or not getattr(page, "translation_key", None):
        return {}

    def load():
        codes = locale_codes()
        found = (
            Page.objects.live()
            .filter(translation_key=page.translation_key)
            .only("id", "url_path", "locale_id", "depth", "path")
        )
        return {codes.get(t.locale_id): t for t in found}

    return generation.remembered(request, f"translations:{page.translation_key}", load)


def in_site_in_every_language(site):
    """A filter for the pages of `site` in every language: a translated home
    page roots a tree of its own (/es/)."""
    homes = Page.objects.filter(
        translation_key=Page.objects.filter(pk=site.root_page_id).values(
            "translation_key"
        )[:1]
    ).values_list("path", flat=True)
    in_site = Q(pk__in=[])
    for path in homes:
        in_site |= Q(path__startswith=path)
    return in_site


def site_root_paths(request):
    """Wagtail's site root paths (kept in the shared cache), read once per
    request: with the cache unreachable, each read waits for its timeout."""
    if request is None:
        return Site.get_site_root_paths()
    if "site_root_paths" not in request.__dict__:
        request.site_root_paths = Site.get_site_root_paths()
    return request.site_root_paths


def home_url_in(language, request):
    """The address of the site's home page in `language`, or None while the
    home page has no translation in it (from Wagtail's kept site root paths,
    so no query)."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    for root in site_root_paths(request):
        if root.site_id == site.pk and root.language_code == language:
            with translation.override(language):
                return reverse("wagtail_serve", args=[""])
    return None


def switcher_links(request, page):
    """For each language but the visitor's: {"code", "name", "url"} of this
    page in it, or of that language's home page (with the untranslated notice)
    when this page has none. Plain views (search) switch by address."""
    current = get_language()
    translations = live_translations(page, request)
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        if page is not None and code in translations:
            url = translations[code].get_url(request)
        elif page is None:
            url = translate_url(request.path, code)
        else:
            home = home_url_in(code, request)
            url = f"{home}?{UNTRANSLATED_PARAMETER}=1" if home else None
        if url:
            links.append({"code": code, "name": language_name(code), "url": url})
    return links


def hreflang_alternates(request, page):
    """[{"lang_code", "location"}] of every language `page` is in (with
    x-default, the English page), or [] for a page in one language only."""
    translations = live_translations(page, request)
    if len(translations) < 2:
        return []
    alternates = [
        {"lang_code": code, "location": translations[code].get_full_url(request)}
        for code, _name in settings.LANGUAGES
        if code in translations
    ]
    default = translations.get(settings.LANGUAGE_CODE)
    if default is not None:
        alternates.append(
            {"lang_code": "x-default", "location": default.get_full_url(request)}
        )
    return alternates


class _LocaleCodes(dict):
    """{locale id: language code}, read once per process and forgotten when a
    locale is saved or deleted here. A locale added by another process is
    simply unknown (ids are never reused): its pages are looked up afresh."""

    def current(self):
        if not self:
            self.update(Locale.objects.values_list("pk", "language_code"))
        return self

    def forget(self, **kwargs):
        self.clear()


_locale_codes = _LocaleCodes()


def locale_codes():
    return _locale_codes.current()


def forget_locales():
    """For tests: each test's database numbers its locales afresh."""
    _locale_codes.clear()


def connect():
    post_save.connect(_locale_codes.forget, sender=Locale, dispatch_uid="core-locales")
    post_delete.connect(
        _locale_codes.forget, sender=Locale, dispatch_uid="core-locales-deleted"
    )


def active_locale_id():
    """The id of the visitor's language's Locale (None if it has none)."""
    language = get_language()
    return next((pk for pk, code in locale_codes().items() if code == language), None)


def is_default_language():
    return get_language() == settings.LANGUAGE_CODE


def prepare_translations(pages):
    """Give each of `pages` (linked from a body: calls to action, featured
    pages) its live translation in the visitor's language, in one query, for
    `in_visitors_language`. A page given as its own type (a featured page,
    described by its summary) gets its translation as its own type too, at a
    query more per page type."""
    language = get_language()
    codes = locale_codes()
    elsewhere = [page for page in pages if codes.get(page.locale_id) != language]
    if not elsewhere:
        return
    translations = Page.objects.live().filter(
        locale__language_code=language,
        translation_key__in={page.translation_key for page in elsewhere},
    )
    if any(type(page) is not Page for page in elsewhere):
        translations = translations.specific()
    found = {page.translation_key: page for page in translations}
    for page in elsewhere:
        page.visitor_translation = found.get(page.translation_key, page)


def worded(instance, field):
    """`instance`'s `field` in the visitor's language: the wording editors gave
    for it (`name_es` for `name` on a Spanish page), else the field itself."""
    if not is_default_language():
        value = getattr(instance, f"{field}_{get_language()}", "")
        if value:
            return value
    return getattr(instance, field)


def language_if_other(page):
    """The language code of `page` when it is not the visitor's (an English
    page linked from a Spanish one, while it has no translation), else "":
    its title then needs its own `lang`."""
    if page is None:
        return ""
    code = locale_codes().get(page.locale_id)
    return code if code and code != get_language() else ""


def in_visitors_language(page):
    """`page` in the visitor's language when it has a live translation in it,
    else `page` itself; free for a page already in it or prepared above."""
    if page is None:
        return None
    prepared = getattr(page, "visitor_translation", None)
    if prepared is not None:
        return prepared
    if locale_codes().get(page.locale_id) == get_language():
        return page
    return page.localized
