"""Request limits and headers that differ between the public site and the admin."""

import re

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string

# The longest public form (the inquiry form) sends about 15 fields.
PUBLIC_FORM_MAX_FIELDS = 100
FRAME_ANCESTORS_NONE = re.compile(r"frame-ancestors 'none'")


def is_admin_path(request):
    return request.path_info.startswith("/" + settings.WAGTAIL_ADMIN_PATH)


class PublicFieldLimitMiddleware:
    """Answers 400 to a public POST with far more fields than any form has.

    DATA_UPLOAD_MAX_NUMBER_FIELDS stays high for the admin, where a long
    StreamField page sends thousands; on the public site such a post is a bot
    making the server parse it, and is refused before any view reads it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and not is_admin_path(request):
            fields = sum(len(values) for _, values in request.POST.lists())
            fields += sum(len(values) for _, values in request.FILES.lists())
            if fields > PUBLIC_FORM_MAX_FIELDS:
                return HttpResponseBadRequest(
                    render_to_string("core/too_many_fields.html", request=request)
                )
        return self.get_response(request)


class AdminFrameAncestorsMiddleware:
    """Lets the admin frame its own pages (previews); nothing may frame the site.

    Sits outside the Content-Security-Policy middleware and adjusts the header
    it wrote, so the policy itself stays in one setting.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = response.get("Content-Security-Policy")
        if policy and is_admin_path(request):
            response["Content-Security-Policy"] = FRAME_ANCESTORS_NONE.sub(
                "frame-ancestors 'self'", policy
            )
        return response
