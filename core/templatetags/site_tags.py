from django import template

from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("tags/main_menu.html", takes_context=True)
def main_menu(context):
    """Top-level pages ticked “Show in menus”, in the order of the page tree."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = []
    current = context.get("page")
    if site is not None:
        root = site.root_page
        items = list(
            root.get_children()
            .live()
            .in_menu()
            .only("id", "title", "url_path", "path", "depth")
        )
    current_path = getattr(current, "path", "")
    return {
        "items": [
            {
                "title": item.title,
                "url": item.get_url(request),
                "is_current": bool(current_path) and current_path.startswith(item.path),
            }
            for item in items
        ],
        "request": request,
    }
