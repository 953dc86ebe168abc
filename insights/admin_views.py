"""Reports → Marketing and Reports → Admissions."""

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.text import slugify
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Site

from contact.centers import centers_for
from contact.groups import MARKETING_EDITORS
from contact.viewsets import spreadsheet_safe
from insights import charts, reports


def in_group(user, name):
    if not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=name).exists()


def can_see_marketing_report(user):
    """Marketing editors and superusers: totals only, never an inquiry."""
    return in_group(user, MARKETING_EDITORS)


def can_see_admissions_report(user):
    """Whoever may read inquiries: superusers, the Admissions group and each
    center's admissions team. The report counts only the inquiries they may
    read (contact.centers), so a team sees its own center's."""
    return user.is_active and user.has_perm("contact.view_inquiry")


class InsightsReportView(WagtailAdminTemplateMixin, TemplateView):
    allowed = None
    all_centers_label = "All centers"

    def dispatch(self, request, *args, **kwargs):
        if not type(self).allowed(request.user):
            raise PermissionDenied
        self.period = reports.period_from(request.GET)
        # A center not in the viewer's choices is refused with a message and
        # the report shows all of theirs: it never widens what they see.
        self.centers = list(self.center_choices(request.user))
        self.center, self.center_error = reports.center_from(request.GET, self.centers)
        return super().dispatch(request, *args, **kwargs)

    def center_choices(self, user):
        raise NotImplementedError

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            period=self.period,
            centers=self.centers,
            center=self.center,
            center_error=self.center_error,
            all_centers_label=self.all_centers_label,
            ranges=[
                ("7", "7 days"),
                ("30", "30 days"),
                ("90", "90 days"),
                ("custom", "Custom dates"),
            ],
            **kwargs,
        )


class MarketingReportView(InsightsReportView):
    page_title = "Marketing"
    header_icon = "view"
    template_name = "insights/marketing_report.html"
    allowed = staticmethod(can_see_marketing_report)

    def center_choices(self, user):
        """Every center: marketing sees totals only, of any site."""
        return Site.objects.select_related("root_page").order_by(
            "site_name", "hostname"
        )

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "csv":
            return self.csv(reports.marketing(self.period, self.center))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        data = reports.marketing(self.period, self.center)
        series = data["series"]
        small = reports.SMALL_CELL
        return super().get_context_data(
            **data,
            small_cell=small,
            charts=[
                charts.bar_chart(
                    "Page views", [(row.label, row.views) for row in series]
                ),
                charts.bar_chart(
                    "Call taps", [(row.label, row.calls) for row in series]
                ),
                charts.bar_chart(
                    f"Inquiries (fewer than {small} not drawn)",
                    [(row.label, row.inquiries) for row in series],
                    hidden=lambda value: value < small,
                ),
            ],
            **kwargs,
        )

    def csv(self, data):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        period = self.period
        center = self.center
        name = "marketing"
        label = f"{period.start} to {period.end}"
        if center is not None:
            name += "-" + (slugify(center.hostname) or str(center.pk))
            label += ", " + reports.center_label(center)
        response["Content-Disposition"] = (
            f'attachment; filename="{name}-{period.start}-{period.end}.csv"'
        )
        writer = csv.writer(response)
        writer.writerow(
            [
                "Section",
                "Label",
                "Views",
                "Call taps",
                "Inquiries",
                "Admitted",
                "Inquiries per 1,000 views",
            ]
        )
        total = data["total"]
        writer.writerow(
            [
                "Total",
                spreadsheet_safe(label),
                total.views,
                total.calls,
                total.inquiries_shown,
                total.admitted_shown,
                total.per_thousand_shown,
            ]
        )
        for row in data["series"]:
            writer.writerow(
                [
                    "Over time",
                    row.label,
                    row.views,
                    row.calls,
                    row.inquiries_shown,
                    "",
                    "",
                ]
            )
        for row in data["top_by_inquiries"]:
            writer.writerow(
                [
                    "Page",
                    spreadsheet_safe(row.label),
                    row.views,
                    "",
                    row.inquiries_shown,
                    "",
                    row.per_thousand_shown,
                ]
            )
        for row in data["campaigns"]:
            writer.writerow(
                [
                    "Campaign",
                    spreadsheet_safe(row.label),
                    row.views,
                    row.calls,
                    row.inquiries_shown,
                    row.admitted_shown,
                    row.per_thousand_shown,
                ]
            )
        return response


class AdmissionsReportView(InsightsReportView):
    page_title = "Admissions"
    header_icon = "time"
    template_name = "insights/admissions_report.html"
    allowed = staticmethod(can_see_admissions_report)
    all_centers_label = "All centers I handle"

    def center_choices(self, user):
        return centers_for(user)

    def get_context_data(self, **kwargs):
        data = reports.admissions(self.period, self.request.user, self.center)
        return super().get_context_data(
            **data,
            day_chart=charts.bar_chart("Inquiries by day of the week", data["by_day"]),
            hour_chart=charts.bar_chart("Inquiries by hour received", data["by_hour"]),
            **kwargs,
        )
