"""What core.page_routes relies on in Wagtail beyond its documented API.

A remembered site and route are handed to Wagtail through the attributes its
lookups memoise on the request, and remembered view restrictions through the
page's get_view_restrictions(). If an upgrade of Wagtail stops reading any of
them, these tests fail (and page views would silently walk the tree again).
"""

import functools

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from wagtail import hooks
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult

from tests.pages import make_standard_page


def test_wagtail_takes_the_site_memoised_on_the_request(site):
    request = RequestFactory().get("/", HTTP_HOST="unknown.example")
    request._wagtail_site = site
    assert Site.find_for_request(request) is site


def test_wagtail_takes_the_route_memoised_on_the_request(home_page):
    page = make_standard_page(home_page, "Careers")
    request = RequestFactory().get("/somewhere-else/", HTTP_HOST="localhost")
    request._wagtail_route_for_request = RouteResult(page)
    assert Page.route_for_request(request, "/somewhere-else/").page is page


def test_wagtail_asks_the_page_for_its_view_restrictions(home_page):
    page = make_standard_page(home_page, "Staff only")
    restriction = PageViewRestriction(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    page.get_view_restrictions = functools.partial(list, [restriction])
    request = RequestFactory().get(page.url, HTTP_HOST="localhost")
    request.user = AnonymousUser()
    # As wagtail.views.serve wraps page.serve in its on_serve_page hooks.
    chain = serve_the_page
    for wrap in reversed(hooks.get_hooks("on_serve_page")):
        chain = wrap(chain)
    response = chain(page, request, [], {})
    assert response.status_code == 302 and "login" in response["Location"]


def serve_the_page(page, request, args, kwargs):
    return HttpResponse("The restricted page itself")


def test_a_routable_page_routes_to_its_view_and_the_values_in_the_address(db):
    """core.page_routes keeps a routable page's route only when the address
    carries no value: it reads them from RouteResult.args = (view, args, kwargs).
    """
    from articles.models import ArticleIndexPage
    from contact.models import ContactPage

    request = RequestFactory().get("/", HTTP_HOST="localhost")
    _view, args, kwargs = ContactPage(live=True).route(request, ["thank-you"]).args
    assert not args and not kwargs
    _view, args, kwargs = (
        ArticleIndexPage(live=True).route(request, ["category", "opioids"]).args
    )
    assert (tuple(args), kwargs) == ((), {"slug": "opioids"})
