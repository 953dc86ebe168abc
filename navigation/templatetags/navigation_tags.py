from django import template
from django.utils.translation import gettext

from wagtail.models import Page

from core import languages
from navigation.menus import mark_current, menus_for_request, pages_above

register = template.Library()


def current_url(context):
    # The address asked for, not the page's own URL: a routable page's sub-pages
    # (/articles/category/…/) then count as inside the page's section.
    return context["request"].path


@register.inclusion_tag("tags/main_menu.html", takes_context=True)
def main_menu(context):
    """The editable main menu, with the current page and section marked."""
    if context.get("request") is None:
        return {"items": []}
    menus = menus_for_request(context["request"])
    return {"items": mark_current(menus["main"], current_url(context))}


@register.inclusion_tag("tags/footer_links.html", takes_context=True)
def footer_links(context):
    if context.get("request") is None:
        return {"links": []}
    menus = menus_for_request(context["request"])
    return {"links": mark_current(menus["footer"], current_url(context))}


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The trail from the home page to the current page; empty on the home page."""
    request = context.get("request")
    page = context.get("page")
    if request is None or not isinstance(page, Page):
        return {"crumbs": []}
    above = pages_above(page, request)
    if not above:
        return {"crumbs": []}
    crumbs = [{"text": gettext("Home"), "url": above[0].get_url(request=request)}]
    crumbs += [
        {"text": ancestor.title, "url": ancestor.get_url(request=request)}
        for ancestor in above[1:]
    ]
    crumbs.append({"text": page.title, "url": ""})
    return {"crumbs": crumbs}


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """A link to this page in the other language (core.languages)."""
    request = context.get("request")
    if request is None:
        return {"links": []}
    page = context.get("page")
    return {
        "links": languages.switcher_links(
            request, page if isinstance(page, Page) else None
        )
    }
