import contextlib

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http import HttpResponseBadRequest
from django.http.request import split_domain_port
from django.utils import translation
from django.utils.translation import gettext

from wagtail.models import Site
from wagtail.views import serve as wagtail_serve

from csp.middleware import CSPMiddleware, PolicyParts

from core import generation, page_routes


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The strict site-wide policy, relaxed only where the Wagtail admin needs it."""

    ADMIN_RELAXATIONS = {
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
    }

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(
            "/" + settings.WAGTAIL_ADMIN_PATH
        ):
            return PolicyParts(
                config=parts.config,
                update=parts.update,
                replace={**(parts.replace or {}), **self.ADMIN_RELAXATIONS},
                nonce=parts.nonce,
            )
        return parts


class RememberedRoutesMiddleware:
    """Reads the content generation first, then finds the Wagtail site and
    the page a request asks for from memory (core.page_routes).

    The generation is read before anything kept under it, so what this
    request reads from the database is never older than the generation it
    keeps it under.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # With the database down, the view itself answers (/healthz, the 503
        # page), as it would without this middleware.
        generation.for_request(request)
        with contextlib.suppress(DatabaseError):
            page_routes.remember_site(request)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_serve:
            page_routes.remember_route(request, view_args[0] if view_args else "")


class KnownCentersOnlyMiddleware:
    """Answers 400 to a host no center's site names.

    Wagtail shows the default site for a hostname no Site names, so a
    wildcard ALLOWED_HOSTS (".localhost", ".example-group.org") would show one
    center's pages, phone and forms at another's address. Only the sites'
    hostnames and DEFAULT_SITE_HOSTNAMES (the loopback names health checks and
    `make run` use) reach a site; each answer is remembered per content
    generation, which a site saved or deleted bumps.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            hostname = split_domain_port(request.get_host())[0]
        except DisallowedHost:
            # Django's own check answers 400 when the view asks for the host.
            return self.get_response(request)
        if hostname in settings.DEFAULT_SITE_HOSTNAMES:
            return self.get_response(request)
        try:
            known = generation.remembered(
                request,
                "site-hostnames",
                lambda: frozenset(Site.objects.values_list("hostname", flat=True)),
            )
        except DatabaseError:
            # The 503 page answers, as without this check.
            return self.get_response(request)
        if hostname not in known:
            # Before LocaleMiddleware: the language comes from the path (/es/).
            language = (
                translation.get_language_from_path(request.path_info)
                or settings.LANGUAGE_CODE
            )
            with translation.override(language):
                message = gettext("This address is not one of our centers’ websites.")
            response = HttpResponseBadRequest(
                message, content_type="text/plain; charset=utf-8"
            )
            response.headers["Content-Language"] = language
            return response
        return self.get_response(request)
