"""The site and page a request asks for, remembered per content generation.

Wagtail finds a request's site with a query and walks the page tree from the
site's root to the page, two queries per level, then reads the view
restrictions of the page and its ancestors. None of that changes until content
does: a page published, unpublished, moved or deleted, a site edited or a view
restriction set all bump the content generation (core.fragments), so the
answers are kept in each process under it. A page reached through a routable
page's own views (an article category) is routed afresh: Wagtail records that
route on the request as it goes.
"""

import functools

from django.http.request import split_domain_port

from wagtail.models import Site
from wagtail.url_routing import RouteResult

from core import fragments


def remember_site(request):
    # As Wagtail's own lookup: the raw host, before ALLOWED_HOSTS is checked.
    hostname = split_domain_port(request._get_raw_host())[0]
    site = fragments.remembered(
        request,
        f"site:{hostname}:{request.get_port()}",
        lambda: Site.find_for_request(request),
    )
    if site is not None:
        # Wagtail's Site.find_for_request memoises its answer here.
        request._wagtail_site = site


def remember_route(request, path):
    site = Site.find_for_request(request)
    if site is None:
        return
    route = fragments.remembered(
        request, f"route:{site.pk}:{path}", lambda: _plain_route(request, path)
    )
    if route is not None:
        page, restrictions = route
        _use_view_restrictions(page, restrictions)
        # Page.route_for_request memoises its answer here.
        request._wagtail_route_for_request = RouteResult(page)


def _plain_route(request, path):
    """(page, its view restrictions) when the path leads straight to a page."""
    from wagtail.models import Page

    result = Page.route_for_request(request, path)
    if result is None or result.args or result.kwargs:
        return None
    page = result.page
    return page, list(page.get_view_restrictions())


def _use_view_restrictions(page, restrictions):
    # Wagtail's check_view_restrictions hook asks the page for its
    # restrictions (two queries); the remembered list is the same answer.
    page.get_view_restrictions = functools.partial(list, restrictions)
