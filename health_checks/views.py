"""Reports → Claims to check."""

from django.utils.functional import cached_property

from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from editorial.models import PUBLISH_HEALTH_CONTENT
from health_checks import claims


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


class HealthReportView(ReportView):
    def dispatch(self, request, *args, **kwargs):
        if not can_see_health_reports(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class ClaimsReportView(HealthReportView):
    page_title = "Claims to check"
    header_icon = "warning"
    index_url_name = "health_checks:claims"
    index_results_url_name = "health_checks:claims_results"
    results_template_name = "health_checks/claims_results.html"
    paginate_by = 50
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
