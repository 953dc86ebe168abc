"""The site and page a request asks for, remembered per content generation.

Wagtail finds a request's site with a query and walks the page tree from the
site's root to the page, two queries per level, then reads the view
restrictions of the page and its ancestors. None of that changes until content
does: a page published, unpublished, moved or deleted, a site edited or a view
restriction set all bump the content generation (core.generation), so the
answers are kept in each process under it. A page reached through a routable
page's own views with a value in the address (an article category) is
routed afresh; its fixed ones (a form's page, its thank-you page) are kept.

Measured worth it (bench/remembered_routes.py: a warm article view goes from 8
queries and 8.9 ms to none and 1.5 ms), so the
answers are handed to Wagtail through the attributes its own lookups memoise on
the request, `request._wagtail_site` and `request._wagtail_route_for_request`,
and the page's `get_view_restrictions()`, here and nowhere else.
tests/core/test_wagtail_contract.py fails if an upgrade of Wagtail changes any
of them.
"""

import functools

from django.core.exceptions import DisallowedHost
from django.http.request import split_domain_port
from django.utils.translation import get_language

from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from core import generation


def remember_site(request):
    try:
        # Only hosts the site answers for, so random Host headers cannot fill
        # the store before Django's own check refuses them.
        hostname = split_domain_port(request.get_host())[0]
    except DisallowedHost:
        return
    site = generation.remembered(
        request,
        f"site:{hostname}:{request.get_port()}",
        lambda: Site.find_for_request(request),
    )
    if site is not None:
        request._wagtail_site = site


def remember_route(request, path):
    site = Site.find_for_request(request)
    if site is None:
        return
    # The same path is another page in each language (/es/ is stripped from
    # `path` by i18n_patterns, which has activated the language).
    route = generation.remembered(
        request,
        f"route:{site.pk}:{get_language()}:{path}",
        lambda: _plain_route(request, path),
    )
    if route is not None:
        page, restrictions, args = route
        # Wagtail's check_view_restrictions hook asks the page for them.
        page.get_view_restrictions = functools.partial(list, restrictions)
        request._wagtail_route_for_request = RouteResult(page, args=args)


def _plain_route(request, path):
    """(page, its view restrictions, the route's arguments) when the path leads
    to a page or to one of its fixed sub-pages (a routable page's form, its
    thank-you page, a feed). A sub-page whose address carries a value (an
    article category's slug) is routed afresh: made-up values would fill the
    store."""
    result = Page.route_for_request(request, path)
    if result is None or result.kwargs:
        return None
    if result.args:
        _view, view_args, view_kwargs = result.args
        if view_args or view_kwargs:
            return None
    page = result.page
    return page, list(page.get_view_restrictions()), result.args
