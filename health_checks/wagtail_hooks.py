"""Admin wiring for the content checks: the claims warning in the page editor
and the two reports."""

from django.contrib import messages
from django.urls import include, path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from health_checks import claims
from health_checks.views import (
    BrokenLinksReportView,
    ClaimsReportView,
    can_see_health_reports,
)

# Marks the warning, so a page opened right after a save says it once.
CLAIMS_MESSAGE_TAG = "claims-to-check"

urlpatterns = [
    path("claims-to-check/", ClaimsReportView.as_view(), name="claims"),
    path(
        "claims-to-check/results/",
        ClaimsReportView.as_view(results_only=True),
        name="claims_results",
    ),
    path("broken-links/", BrokenLinksReportView.as_view(), name="broken_links"),
    path(
        "broken-links/results/",
        BrokenLinksReportView.as_view(results_only=True),
        name="broken_links_results",
    ),
]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("health-reports/", include((urlpatterns, "health_checks")))]


class HealthReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_health_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_claims_report_menu_item():
    return HealthReportMenuItem(
        "Claims to check",
        reverse("health_checks:claims"),
        name="claims-to-check",
        icon_name="warning",
        order=1050,
    )


@hooks.register("register_reports_menu_item")
def register_broken_links_report_menu_item():
    return HealthReportMenuItem(
        "Broken links",
        reverse("health_checks:broken_links"),
        name="broken-links",
        icon_name="link-external",
        order=1060,
    )


def warn_about_claims(request, page):
    """Add the claims warning for `page` as it stands, if it uses a phrase."""
    found = claims.findings(type(page), page, claims.PhraseList.from_settings())
    if found:
        messages.warning(
            request,
            claims.warning_text(page.get_admin_display_title(), found),
            extra_tags=CLAIMS_MESSAGE_TAG,
        )


# Before the editorial hooks: a reviewer's workflow action in the editor ends
# the after_edit_page hooks with a redirect (editorial.wagtail_hooks).
@hooks.register("after_create_page", order=-10)
@hooks.register("after_edit_page", order=-10)
def warn_about_claims_on_save(request, page):
    # An autosave answers in JSON; a message would wait for the next page.
    if claims.is_health_page(page) and request.accepts("text/html"):
        warn_about_claims(request, page)


@hooks.register("before_edit_page")
def warn_reviewers_about_claims(request, page):
    """The same warning for whoever opens a page waiting for medical review."""
    if request.method != "GET" or not claims.is_health_page(page):
        return None
    if not claims.in_medical_review(page):
        return None
    # Read here, the messages are still shown on this page.
    if any(
        CLAIMS_MESSAGE_TAG in message.tags for message in messages.get_messages(request)
    ):
        return None
    warn_about_claims(request, page)
    return None
