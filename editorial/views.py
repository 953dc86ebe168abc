"""The Reviews due report: health pages whose medical review is overdue or due
within 30 days, never reviewed first (editorial.reviews_due)."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

import django_filters

from editorial import reviews_due
from editorial.models import PUBLISH_HEALTH_CONTENT, ReviewDue
from editorial.roles import MEDICAL_REVIEWERS
from people.models import Person

REPORT_GROUPS = {MEDICAL_REVIEWERS, "Marketing editors"}


def can_see_reviews_due(user):
    """Reviewers, the editors who write health content, and superusers."""
    if not user.is_active:
        return False
    return (
        user.is_superuser
        or user.has_perm(PUBLISH_HEALTH_CONTENT)
        or user.groups.filter(name__in=REPORT_GROUPS).exists()
    )


class ReviewsDueFilterSet(WagtailFilterSet):
    reviewer = django_filters.ModelChoiceFilter(
        label="Reviewer",
        queryset=Person.objects.order_by("name"),
        null_label="Nobody (never reviewed)",
    )
    section = django_filters.ChoiceFilter(
        label="Section", choices=ReviewDue.Section.choices
    )

    class Meta:
        model = ReviewDue
        fields = ["reviewer", "section"]


def page_edit_url(row):
    from django.urls import reverse

    return reverse("wagtailadmin_pages:edit", args=[row.page_id])


class ReviewsDueView(ReportView):
    page_title = "Reviews due"
    header_icon = "time"
    index_url_name = "reviews_due"
    index_results_url_name = "reviews_due_results"
    filterset_class = ReviewsDueFilterSet
    columns = [
        TitleColumn(
            "title", accessor="page.title", label="Page", get_url=page_edit_url
        ),
        Column("section", accessor="get_section_display", label="Section"),
        Column("status", label="Status"),
        DateColumn("due", label="Review due"),
        DateColumn("last_reviewed", label="Last reviewed"),
        Column("reviewer", label="Reviewer"),
    ]
    list_export = [
        "page.title",
        "get_section_display",
        "status",
        "due",
        "last_reviewed",
        "reviewer",
    ]
    export_headings = {
        "page.title": "Page",
        "get_section_display": "Section",
        "status": "Status",
        "due": "Review due",
        "last_reviewed": "Last reviewed",
    }
    export_filename = "reviews-due"

    def dispatch(self, request, *args, **kwargs):
        if not can_see_reviews_due(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return reviews_due.due_for(
            ReviewDue.objects.select_related("page", "reviewer"),
            today=timezone.localdate(),
        )
