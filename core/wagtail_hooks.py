from wagtail import hooks

from core import kept_parts


@hooks.register("before_serve_page")
def keep_parts_of_served_pages(page, request, serve_args, serve_kwargs):
    # Wagtail serves only live pages here; previews never pass this hook.
    kept_parts.mark_keepable(request)
