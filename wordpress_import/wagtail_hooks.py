from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect

from wagtail import hooks
from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect

# WordPress answers these on its home page (/?p=123): the post, page,
# attachment, category or tag with that id or slug.
WORDPRESS_QUERY_KEYS = ("p", "page_id", "attachment_id", "cat", "tag")


@hooks.register("before_serve_page")
def redirect_wordpress_ids(page, request, serve_args, serve_kwargs):
    """Old /?p=123 addresses reach the page imported from that post.

    Wagtail's redirect middleware answers only addresses that would be a 404,
    and /?p=123 is the home page with a query string, so it is answered here,
    from the same redirects (made by `import_wordpress`, editable in the admin).
    """
    if request.path != "/" or not any(
        key in request.GET for key in WORDPRESS_QUERY_KEYS
    ):
        return None
    path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
    redirect = get_redirect(request, path)
    if redirect is None or redirect.link is None:
        return None
    if redirect.is_permanent:
        return HttpResponsePermanentRedirect(redirect.link)
    return HttpResponseRedirect(redirect.link)
