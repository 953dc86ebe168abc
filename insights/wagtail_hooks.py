from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from insights import admin_views


@hooks.register("register_admin_urls")
def register_insights_report_urls():
    return [
        path(
            "reports/marketing/",
            admin_views.MarketingReportView.as_view(),
            name="insights_marketing",
        ),
        path(
            "reports/admissions/",
            admin_views.AdmissionsReportView.as_view(),
            name="insights_admissions",
        ),
    ]


class ReportMenuItem(MenuItem):
    def __init__(self, *args, allowed, **kwargs):
        self.allowed = allowed
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return self.allowed(request.user)


@hooks.register("register_reports_menu_item")
def register_marketing_report_menu_item():
    return ReportMenuItem(
        "Marketing",
        reverse("insights_marketing"),
        icon_name="view",
        order=160,
        allowed=admin_views.can_see_marketing_report,
    )


@hooks.register("register_reports_menu_item")
def register_admissions_report_menu_item():
    return ReportMenuItem(
        "Admissions",
        reverse("insights_admissions"),
        icon_name="time",
        order=170,
        allowed=admin_views.can_see_admissions_report,
    )
