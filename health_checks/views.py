"""Reports → Claims to check and Reports → Broken links."""

from django.utils import timezone
from django.utils.functional import cached_property

from wagtail.admin.auth import permission_denied
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from contact.viewsets import spreadsheet_safe
from editorial.models import PUBLISH_HEALTH_CONTENT
from health_checks import claims
from health_checks.models import ExternalLinkUse


def can_see_health_reports(user):
    """Editors (anyone with a page permission), medical reviewers and
    superusers; not Admissions, who have no pages."""
    if not user.is_active:
        return False
    return (
        user.is_superuser
        or user.has_perm(PUBLISH_HEALTH_CONTENT)
        or PagePermissionPolicy().user_has_any_permission(
            user, ["add", "change", "publish"]
        )
    )


def counted_as(singular, plural):
    """A paginator whose count names what the report lists ("3 claims")."""
    return type(
        "Paginator",
        (WagtailPaginator,),
        {"verbose_name": singular, "verbose_name_plural": plural},
    )


class HealthReportView(ReportView):
    def dispatch(self, request, *args, **kwargs):
        if not can_see_health_reports(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class AddressColumn(Column):
    """The address as a link that opens on its own, to see what readers get."""

    cell_template_name = "health_checks/address_cell.html"


class ClaimsReportView(HealthReportView):
    page_title = "Claims to check"
    header_icon = "warning"
    index_url_name = "health_checks:claims"
    index_results_url_name = "health_checks:claims_results"
    results_template_name = "health_checks/claims_results.html"
    paginator_class = counted_as("claim", "claims")
    columns = [
        TitleColumn(
            "title",
            label="Page",
            get_url=lambda row: row.edit_url,
            link_attrs={"title": "Edit this page"},
        ),
        Column("phrase", label="Phrase"),
        Column("where", label="Where it appears"),
        Column("version", label="Version"),
    ]

    @cached_property
    def phrases(self):
        return claims.PhraseList.from_settings()

    def get_queryset(self):
        return claims.report_rows(self.phrases)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["phrases"] = [phrase for phrase, _, _ in self.phrases.phrases]
        return context


class BrokenLinksReportView(HealthReportView):
    page_title = "Broken links"
    header_icon = "link-external"
    index_url_name = "health_checks:broken_links"
    index_results_url_name = "health_checks:broken_links_results"
    results_template_name = "health_checks/broken_links_results.html"
    paginator_class = counted_as("broken link", "broken links")
    model = ExternalLinkUse
    default_ordering = "page__title"
    columns = [
        TitleColumn(
            "page_title",
            accessor="page.title",
            label="Page",
            sort_key="page__title",
            get_url=lambda use: use.edit_url,
            link_attrs={"title": "Edit this page"},
        ),
        Column("text", label="Link text", sort_key="text"),
        AddressColumn(
            "url", accessor="link.url", label="Address", sort_key="link__url"
        ),
        Column("status", accessor="link.status_label", label="Status"),
        DateColumn(
            "first_broken_at",
            accessor="link.first_broken_at",
            label="First seen broken",
            sort_key="link__first_broken_at",
        ),
        DateColumn(
            "last_checked_at",
            accessor="link.last_checked_at",
            label="Last checked",
            sort_key="link__last_checked_at",
        ),
    ]
    list_export = [
        "page.title",
        "admin_url",
        "text",
        "link.url",
        "link.status_label",
        "link.first_broken_at",
        "link.last_checked_at",
    ]
    export_headings = {
        "page.title": "Page",
        "admin_url": "Edit page",
        "text": "Link text",
        "link.url": "Address",
        "link.status_label": "Status",
        "link.first_broken_at": "First seen broken",
        "link.last_checked_at": "Last checked",
    }
    # Link texts and addresses are typed by editors: never run as formulas.
    custom_value_preprocess = {
        **ReportView.custom_value_preprocess,
        str: {
            ReportView.FORMAT_CSV: spreadsheet_safe,
            ReportView.FORMAT_XLSX: spreadsheet_safe,
        },
    }

    def get_base_queryset(self):
        return ExternalLinkUse.objects.filter(
            link__is_broken=True, page__live=True
        ).select_related("link", "page")

    def order_queryset(self, queryset):
        # Ties in the chosen column keep a fixed order from page to page.
        ordered = super().order_queryset(queryset)
        return ordered.order_by(*ordered.query.order_by, "page__title", "text", "pk")

    def get_filename(self):
        return f"broken-links-{timezone.localdate():%Y-%m-%d}"
