from wagtail import hooks

from core import kept_parts
from core.rich_text import PageLinkHandler


@hooks.register("before_serve_page")
def keep_parts_of_served_pages(page, request, serve_args, serve_kwargs):
    # Wagtail serves only live pages here; previews never pass this hook.
    kept_parts.mark_keepable(request)


# After Wagtail's own registration (order 0), which this replaces.
@hooks.register("register_rich_text_features", order=1)
def link_pages_in_one_query(features):
    features.register_link_type(PageLinkHandler)
