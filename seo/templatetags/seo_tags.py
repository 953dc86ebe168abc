from django import template
from django.core.paginator import Page as PaginatorPage
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext

from wagtail.models import Page, Site

from core import languages
from core.images import SHARE_FILTER, images_with_renditions
from core.models import CenterSettings
from navigation.menus import pages_above
from seo import structured_data
from seo.pages import page_description, share_image

register = template.Library()

# Share images: the size Facebook, LinkedIn and X all show large; a logo is
# scaled down whole instead of cropped.
SHARE_LOGO_FILTER = "max-1200x630"


def absolute(site_url, url):
    if url and url.startswith("/"):
        return site_url + url
    return url


def rendition_url(image, filter_spec, site_url):
    try:
        rendition = image.get_rendition(filter_spec)
    except OSError:
        # A missing original file (SourceImageIOError) must not break the page
        # it is shared from.
        return None, None
    return absolute(site_url, rendition.url), rendition


def breadcrumb_trail(page, request, canonical):
    """(name, absolute url) from the site's home page down to `page`, or []."""
    above = pages_above(page, request)
    if not above:
        return []
    trail = [(gettext("Home"), above[0].get_full_url(request))]
    trail += [
        (ancestor.title, ancestor.get_full_url(request)) for ancestor in above[1:]
    ]
    return [*trail, (page.title, canonical)]


def is_hidden_from_search_engines(page):
    # Read generically: Wagtail's root page has no such field.
    return bool(getattr(page, "noindex", False))


def list_page_number(context):
    """The number of the page of a paginated list being shown, else 1.

    Read from the paginator page in the context, so a number past the end or
    a malformed one counts as the page actually shown.
    """
    for value in context.flatten().values():
        # type(), not isinstance(): isinstance would evaluate lazy values such
        # as the CSRF token, setting a cookie that keeps the page out of the
        # front cache.
        if issubclass(type(value), PaginatorPage):
            return value.number
    return 1


@register.inclusion_tag("components/seo_meta.html", takes_context=True)
def seo_meta(context):
    """Canonical link, share-card tags and JSON-LD for the page being shown.

    Works for Wagtail pages and plain views (search) alike; everything comes
    from the page and CenterSettings, never from the visitor, so a front cache
    can serve the result to everyone.
    """
    request = context.get("request")
    if request is None:
        return {}
    site = Site.find_for_request(request)
    if site is None:
        return {}
    center = CenterSettings.for_request(request)
    site_url = site.root_url
    page = context.get("page")
    if not isinstance(page, Page):
        page = None

    showing_the_page_itself = page is not None and request.path == page.get_url(request)
    if showing_the_page_itself:
        address = page.get_full_url(request)
    else:
        # Routable sub-pages (an article category) and plain views.
        address = site_url + request.path
    canonical = address
    list_page = list_page_number(context) if page is not None else 1
    if list_page > 1:
        # Each page of a list is its own page to search engines, not a copy of
        # the first (Google's guidance on pagination).
        canonical = f"{address}?page={list_page}"
    elif showing_the_page_itself and getattr(page, "canonical_url", ""):
        canonical = page.canonical_url
    elif showing_the_page_itself and page.alias_of_id:
        # A center's copy of an article another center publishes
        # (articles.library): search engines are sent to the article itself.
        original = Page.objects.filter(pk=page.alias_of_id).first()
        canonical = (original and original.get_full_url(request)) or canonical

    if page is not None and getattr(page, "share_image_id", None):
        prefetch_related_objects(
            [page],
            Prefetch("share_image", queryset=images_with_renditions(SHARE_FILTER)),
        )
    if hasattr(page, "prefetch_hero"):
        # With every rendition the page shows of it, so its content reads none.
        page.prefetch_hero()
    image = share_image(page) if page else None
    image_url = image_rendition = None
    if image is not None:
        image_url, image_rendition = rendition_url(image, SHARE_FILTER, site_url)
    logo_url, logo_rendition = (None, None)
    if center.logo:
        logo_url, logo_rendition = rendition_url(
            center.logo, SHARE_LOGO_FILTER, site_url
        )
    share_rendition = image_rendition or logo_rendition

    description = (page_description(page) if page else "") or center.tagline
    json_ld = [structured_data.organization(center, site_url, logo_url)]
    if page is not None:
        crumbs = breadcrumb_trail(page, request, address)
        if crumbs:
            json_ld.append(structured_data.breadcrumb_list(crumbs))
        if structured_data.is_medical_web_page(page):
            json_ld.append(
                structured_data.medical_web_page(
                    page,
                    url=address,
                    site_url=site_url,
                    description=page_description(page),
                    image_url=image_url,
                )
            )
        if structured_data.is_location(page):
            json_ld.append(
                structured_data.location(
                    page, center, url=address, site_url=site_url, image_url=image_url
                )
            )
        body = getattr(page, "body", None)
        if body is not None:
            faq = structured_data.faq_page(body, center)
            if faq:
                json_ld.append(faq)

    is_article = page is not None and structured_data.is_medical_article(page)
    return {
        "canonical": canonical,
        # The same page in each language (hreflang), on its own address only.
        "alternates": (
            languages.hreflang_alternates(request, page)
            if showing_the_page_itself and list_page == 1
            else []
        ),
        "noindex": page is not None and is_hidden_from_search_engines(page),
        "title": (page.seo_title or page.title) if page else center.center_name,
        "description": description,
        "site_name": center.center_name,
        "og_type": "article" if is_article else "website",
        "published": page.first_published_at if is_article else None,
        "modified": page.last_published_at if is_article else None,
        "share_image_url": image_url or logo_url,
        "share_image": share_rendition,
        "large_card": image_url is not None,
        "json_ld": [structured_data.to_json_ld(item) for item in json_ld],
    }


@register.simple_tag(takes_context=True)
def meta_description(context):
    """The page's description, else the center's tagline."""
    page = context.get("page")
    description = page_description(page) if isinstance(page, Page) else ""
    if description:
        return description
    request = context.get("request")
    return CenterSettings.for_request(request).tagline if request else ""
