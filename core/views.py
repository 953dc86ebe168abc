import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import (
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.template import loader
from django.templatetags.static import static
from django.views import defaults
from django.views.decorators.cache import never_cache

from core.models import CenterSettings

logger = logging.getLogger(__name__)

DATABASE_DOWN = (OperationalError, InterfaceError)


def center_for_error_page(request):
    """Center settings when the database answers, else the last copy kept in the cache."""
    try:
        return CenterSettings.for_request(request)
    except DatabaseError:
        return CenterSettings.from_fallback_cache(request)


def page_not_found(request, exception):
    """Django's 404 page; a made-up address below a page (an unknown category)
    never keeps its rendered parts, so visitors cannot fill the cache."""
    request.shows_site_address = False
    return defaults.page_not_found(request, exception)


def server_error(request):
    """Our 500 page, and a 503 that still shows the phone when the database is down."""
    exc = sys.exc_info()[1]
    database_down = isinstance(exc, DATABASE_DOWN)
    center = (
        CenterSettings.from_fallback_cache(request)
        if database_down
        else center_for_error_page(request)
    )
    if database_down:
        logger.error("Database unavailable; served the 503 fallback page")
        template = loader.get_template("503.html")
        response = HttpResponse(template.render({"center": center}), status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"center": center}))


@never_cache
def healthz(request):
    """For the load balancer: is the database reachable? Cheap, no templates."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page links to."""
    return HttpResponsePermanentRedirect(static("icons/favicon.svg"))
