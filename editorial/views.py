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


def translations_out_of_date():
    """Translated pages whose original was published after them (or that were
    never published): what the original now says, they do not say yet."""
    from django.conf import settings
    from django.db.models import F, OuterRef, Q, Subquery

    from wagtail.models import Locale, Page

    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if default is None:
        return Page.objects.none()
    original_published = Page.objects.filter(
        translation_key=OuterRef("translation_key"), locale=default
    ).values("last_published_at")[:1]
    return (
        Page.objects.exclude(locale=default)
        .filter(alias_of__isnull=True, depth__gt=1)
        .annotate(original_published_at=Subquery(original_published))
        .filter(original_published_at__isnull=False)
        .filter(
            Q(last_published_at__isnull=True)
            | Q(original_published_at__gt=F("last_published_at"))
        )
        .select_related("locale")
        .order_by("-original_published_at")
    )


def translation_edit_url(page):
    from django.urls import reverse

    return reverse("wagtailadmin_pages:edit", args=[page.pk])


class TranslationsToUpdateView(ReportView):
    page_title = "Translations to update"
    header_icon = "globe"
    index_url_name = "translations_to_update"
    index_results_url_name = "translations_to_update_results"
    columns = [
        TitleColumn("title", label="Translated page", get_url=translation_edit_url),
        Column("locale", accessor="locale.get_display_name", label="Language"),
        DateColumn("original_published_at", label="Original published"),
        DateColumn("last_published_at", label="Translation published"),
    ]
    list_export = ["title", "locale", "original_published_at", "last_published_at"]
    export_headings = {
        "title": "Translated page",
        "locale": "Language",
        "original_published_at": "Original published",
        "last_published_at": "Translation published",
    }
    export_filename = "translations-to-update"

    def dispatch(self, request, *args, **kwargs):
        if not can_see_reviews_due(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return translations_out_of_date()
