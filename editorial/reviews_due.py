"""When health content comes due for another medical review.

A page's next review is its reviewer's own date (`review_due_override`, set by
reviewers) or its last review plus the site's review period (Settings →
Medical review, 12 months by default); a page never reviewed is due now. One
ReviewDue row per health page holds the answer, refreshed whenever the page
is saved (publish, unpublish, review, edit) and, for every page of a site, when
its period changes: the report, dashboard panel and digest read only those rows.
"""

import calendar
import datetime

from django.db.models import F
from django.utils import timezone

from core.page_mixins import MedicalReviewMixin

# Shown as "due soon": due within this many days from today.
DUE_SOON_DAYS = 30


def add_months(day, months):
    """`day` moved on by `months`, clamped to the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def section_of(page):
    from editorial.models import ReviewDue

    label = page._meta.app_label
    return (
        ReviewDue.Section.ARTICLES
        if label == "articles"
        else ReviewDue.Section.PROGRAMS
    )


def period_months(page):
    from editorial.models import ReviewSettings

    site = page.get_site()
    if site is None:
        return ReviewSettings._meta.get_field("review_period_months").default
    return ReviewSettings.for_site(site).review_period_months


def due_date(page, months):
    if page.review_due_override:
        return page.review_due_override
    if page.review_is_current:
        return add_months(page.last_reviewed, months)
    return None  # never reviewed (or changed since): due now


def refresh(page, months=None):
    """Bring the page's ReviewDue row in step with the page as saved."""
    from editorial.models import ReviewDue

    months = period_months(page) if months is None else months
    ReviewDue.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "section": section_of(page),
            "reviewer_id": page.medical_reviewer_id if page.review_is_current else None,
            "last_reviewed": page.review_date,
            "due": due_date(page, months),
            "live": page.live,
        },
    )


def refresh_site(site):
    """Every health page of `site` again, after its review period changed."""
    from django.apps import apps

    from editorial.models import ReviewSettings

    months = ReviewSettings.for_site(site).review_period_months
    for model in apps.get_models():
        if issubclass(model, MedicalReviewMixin):
            for page in model.objects.descendant_of(site.root_page, inclusive=True):
                refresh(page, months)


def on_health_page_saved(sender, instance, raw=False, **kwargs):
    if raw or not isinstance(instance, MedicalReviewMixin):
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and not {
        "live",
        "medical_reviewer",
        "last_reviewed",
        "reviewed_content",
        "review_due_override",
    } & set(update_fields):
        return  # a draft's bookkeeping: nothing a review date depends on
    refresh(instance)


def on_review_settings_saved(sender, instance, created=False, **kwargs):
    if not created:  # created with the default period, which rows already use
        refresh_site(instance.site)


def due_for(queryset, today=None):
    """The live rows overdue or due within DUE_SOON_DAYS, never reviewed first,
    then the most overdue."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    return (
        queryset.filter(live=True)
        .exclude(due__gt=soon)
        .order_by(F("due").asc(nulls_first=True), "page__title")
    )


def status_of(row, today=None):
    today = today or timezone.localdate()
    if row.due is None:
        return "Never reviewed"
    if row.due < today:
        return "Overdue"
    if row.due <= today + datetime.timedelta(days=DUE_SOON_DAYS):
        return "Due soon"
    return "Not due yet"
