"""The public side of inquiries: show the form, store it, say thank you.

Every view here is `never_cache`d: pages holding a CSRF or one-time form token,
or a family's own answers, must never be stored by a shared cache.
"""

import hashlib
import math
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.http import HttpResponseForbidden, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import (
    sensitive_post_parameters,
    sensitive_variables,
)

from wagtail.models import Site

from contact.forms import InquiryForm, issue_form_token
from contact.models import Inquiry, InquirySettings
from contact.tasks import queue_notification

UTM_FIELDS = ("utm_source", "utm_medium", "utm_campaign")
URGENT_THANK_YOU = "contact.thank-you-urgent"


def client_address(request):
    """The visitor's address, looking past the trusted proxies in front."""
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR", "")


def rate_window(now=None):
    """(this window's number, seconds until the next one) of the rate limit."""
    window = settings.INQUIRY_RATE_LIMIT[1]
    now = time.time() if now is None else now
    return int(now // window), int(window - now % window) + 1


def client_rate_key(request, window_number):
    # A hash, so the cache never holds a visitor's address in the clear.
    address = client_address(request)
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()
    return f"contact:inquiries-stored:{digest[:32]}:{window_number}"


def seconds_until_accepted(request):
    """None while this client may send; else how long until it may again.

    Only inquiries stored from the client's address count (bots' included,
    filed as spam), never a form sent back with mistakes: a family correcting
    the form behind a mobile network's shared address is never turned away.
    """
    limit = settings.INQUIRY_RATE_LIMIT[0]
    number, seconds_left = rate_window()
    count = cache.get(client_rate_key(request, number))
    # A cache outage (django-redis ignoring exceptions answers None) must never
    # turn a family away: without a count there is no limit.
    return seconds_left if count is not None and count >= limit else None


def count_stored_inquiry(request):
    number, seconds_left = rate_window()
    key = client_rate_key(request, number)
    cache.add(key, 0, timeout=seconds_left)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds_left)


# Error reports list a frame's local variables: none of these may show there.
@sensitive_variables()
def store_inquiry(form, request):
    """Save the inquiry (or find the one this token already made); queue its email.

    Returns the inquiry and whether this post made it. Bots get one too, filed
    as spam and never notified.
    """
    inquiry = form.save(commit=False)
    inquiry.center = Site.find_for_request(request)
    inquiry.language = get_language()
    if form.bot_reason:
        inquiry.status = Inquiry.Status.SPAM
        inquiry.spam_reason = form.bot_reason
    else:
        inquiry.is_urgent = InquirySettings.for_request(request).mentions_crisis(
            f"{inquiry.message}"
        )
    try:
        with transaction.atomic():
            inquiry.save()
    except IntegrityError:
        # The same one-time token again: a double click, refresh or resubmit.
        existing = Inquiry.objects.filter(
            submission_token=inquiry.submission_token
        ).first()
        if existing is None:
            raise
        return existing, False
    if inquiry.status != Inquiry.Status.SPAM:
        queue_notification(inquiry.pk)
    return inquiry, True


def render_contact_page(request, page, form, **context):
    return page.render(request, context_overrides={"form": form, **context})


@never_cache
@sensitive_post_parameters()
@sensitive_variables()
def inquiry_form(request, page):
    """GET shows the form; POST stores it and redirects (post/redirect/get)."""
    if request.method == "POST":
        form = InquiryForm(request.POST)
        wait = seconds_until_accepted(request)
        if wait is not None:
            # The form comes back as they filled it in, to send after the wait.
            response = render_contact_page(
                request, page, form, wait_minutes=max(1, math.ceil(wait / 60))
            )
            response.status_code = 429
            response["Retry-After"] = str(wait)
            return response
        if form.is_valid():
            inquiry, made_now = store_inquiry(form, request)
            if made_now:
                count_stored_inquiry(request)
            # The session, not the address, says the thank-you page leads with
            # 911 and 988: an address reaches logs, history and analytics.
            if inquiry.is_urgent:
                request.session[URGENT_THANK_YOU] = True
            else:
                request.session.pop(URGENT_THANK_YOU, None)
            return redirect(page.url + page.reverse_subpage("thank_you"))
        return render_contact_page(request, page, form)
    initial = {name: request.GET.get(name, "")[:100] for name in UTM_FIELDS}
    initial["source_page"] = page.pk
    return render_contact_page(request, page, InquiryForm(initial=initial))


def thank_you_page(request, page, template_name):
    """A form's thank-you page, leading with 911 and 988 when the session says
    what was sent was urgent (never the address: it reaches logs and history)."""
    return TemplateResponse(
        request,
        template_name,
        {
            **page.get_context(request),
            "is_urgent": request.session.get(URGENT_THANK_YOU, False),
        },
    )


@never_cache
def thank_you(request, page):
    return thank_you_page(request, page, "contact/contact_page_thank_you.html")


@never_cache
def form_token(request, page):
    """Fresh CSRF and one-time tokens for a form on a page a front cache may hold."""
    return JsonResponse(
        {"csrfToken": get_token(request), "formToken": issue_form_token()}
    )


def same_origin_path(request, url):
    """The path of `url` if it is an address on this site, else None."""
    if not url or not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    path = urlsplit(url).path
    # A scheme-relative "//host" path would leave the site.
    return path if path.startswith("/") and not path.startswith("//") else None


@never_cache
def csrf_failure(request, reason=""):
    """Our page for a form whose security check failed (CSRF_FAILURE_VIEW).

    Nearly always a page left open too long, or cookies blocked. Nothing that
    was sent is shown again: a forged post must not be able to display it. The
    way back is the page the form was on (same site only, without its query
    string), where the browser usually still holds the answers.
    """
    back = same_origin_path(request, request.headers.get("Referer", ""))
    html = render_to_string(
        "403_csrf.html",
        {"back_url": back or "/", "came_from_form": bool(back)},
        request,
    )
    return HttpResponseForbidden(html)
