"""The menus as plain data: links with their text and address.

Built from `NavigationSettings` in a fixed number of queries (the settings row,
then one page query per level) whatever the menu's size, and kept in the cache
under the content generation (core.generation), which an edit to the menu and
page changes that alter a link (publish, unpublish, move, slug change, delete)
bump.
"""

from django.conf import settings
from django.utils.translation import get_language

from wagtail.models import Page, Site

from core import generation, languages
from navigation.models import NavigationSettings


def linked_page_ids(navigations=None):
    """The ids of the pages linked from the menus of `navigations` (by default
    every site's, read in one query)."""
    if navigations is None:
        navigations = NavigationSettings.objects.all()
    ids = set()
    for navigation in navigations:
        for block in [
            *navigation.main_menu.raw_data,
            *navigation.footer_links.raw_data,
        ]:
            value = block["value"]
            ids.add(value.get("page"))
            for child in value.get("children", []):
                # ListBlock items are stored as {"type": "item", "value": ...}.
                ids.add(child.get("value", child).get("page"))
    ids.discard(None)
    return ids


def link_for(value, request, translations=None):
    """{"text", "url", "lang"} for a LinkBlock value, or None when it leads
    nowhere live.

    In another language than the site's default, a page with a translation
    in it is linked in that language, under the words editors typed for that
    language or its translated title (the English link text would not fit);
    one without stays the English page. "lang" names the language of words
    that are not in the visitor's ("en" for an English title on a Spanish
    page), else "".
    """
    language = get_language()
    in_default = language == settings.LANGUAGE_CODE
    words_here = "" if in_default else value.get(f"link_text_{language}", "")
    page = value.get("page")
    if page is not None:
        translated = (translations or {}).get(page.translation_key)
        if translated is not None:
            page, text = translated, words_here or translated.title
            lang = ""
        else:
            text = words_here or value.get("link_text") or page.title
            lang = "" if words_here or in_default else settings.LANGUAGE_CODE
        if not page.live:
            return None
        url = page.get_url(request=request)
        if not url:
            return None
        return {"text": text, "url": url, "lang": lang}
    if value.get("url") and value.get("link_text"):
        lang = "" if words_here or in_default else settings.LANGUAGE_CODE
        return {
            "text": words_here or value["link_text"],
            "url": value["url"],
            "lang": lang,
        }
    return None


def translations_of_linked_pages(navigation):
    """{translation key: the live page in the active language} for the pages
    the menus link to, in one query; {} in the default language."""
    if languages.is_default_language():
        return {}
    pages = [
        value["page"]
        for block in [*navigation.main_menu, *navigation.footer_links]
        for value in [block.value, *block.value.get("children", [])]
        if value.get("page") is not None
    ]
    found = Page.objects.live().filter(
        locale_id=languages.active_locale_id(),
        translation_key__in={page.translation_key for page in pages},
    )
    return {page.translation_key: page for page in found}


def build_menus(navigation, request):
    translations = translations_of_linked_pages(navigation)
    main = []
    for block in navigation.main_menu:
        item = link_for(block.value, request, translations)
        if item is None:
            continue
        children = (
            link_for(child, request, translations) for child in block.value["children"]
        )
        item["children"] = [child for child in children if child is not None]
        main.append(item)
    footer = [
        link_for(block.value, request, translations)
        for block in navigation.footer_links
    ]
    return {"main": main, "footer": [link for link in footer if link is not None]}


def menus_for_request(request):
    """The current site's menus: {"main": [...], "footer": [...]}, once per request."""
    menus = getattr(request, "_navigation_menus", None)
    if menus is not None:
        return menus
    navigation = NavigationSettings.for_request(request)
    menus = generation.kept(
        request,
        f"navigation:menus:{navigation.site_id}:{get_language()}",
        lambda: build_menus(navigation, request),
    )
    request._navigation_menus = menus
    return menus


def state(url, current_url):
    """The aria-current value for a link: "page", "true" (its section) or ""."""
    if not current_url or not url.startswith("/"):
        return ""
    if url == current_url:
        return "page"
    if url != "/" and current_url.startswith(url):
        return "true"
    return ""


def mark_current(items, current_url):
    """Copies of the menu items with `current` set; the cached menu stays shared."""
    marked = []
    for item in items:
        children = [
            {**child, "current": "page" if child["url"] == current_url else ""}
            for child in item.get("children", [])
        ]
        current = state(item["url"], current_url)
        if not current and any(child["current"] for child in children):
            current = "true"
        marked.append({**item, "children": children, "current": current})
    return marked


def pages_above(page, request):
    """The pages from the site's home page down to `page`'s parent, as generic
    pages with their titles and addresses; [] on the home page or a page outside
    the site. Read once per request: the visible breadcrumbs and the
    BreadcrumbList in the page's head both show it."""
    trails = request.__dict__.setdefault("trails_by_page", {})
    if page.pk not in trails:
        trails[page.pk] = _pages_above(page, Site.find_for_request(request), request)
    return trails[page.pk]


def _pages_above(page, site, request=None):
    if site is None or page.depth <= 2:
        return []
    ancestors = list(
        page.get_ancestors()
        .filter(depth__gt=1)
        .only("id", "title", "url_path", "path", "depth")
    )
    # The site's home page, or its translation (a Spanish page's trail starts
    # at the Spanish home page), from Wagtail's kept site root paths.
    homes = {
        root.root_path
        for root in languages.site_root_paths(request)
        if root.site_id == site.pk
    }
    for index, ancestor in enumerate(ancestors):
        if ancestor.pk == site.root_page_id or ancestor.url_path in homes:
            return ancestors[index:]
    return []
