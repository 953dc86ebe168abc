"""The numbers behind Reports → Marketing and Reports → Admissions.

Views, call taps and forms started come from DailyCount (the beacons);
inquiries and admissions from the inquiries themselves, so a family whose
browser asked not to be counted is still an inquiry. Marketing sees only
totals, and any inquiry total under SMALL_CELL as "< 5".

Either report can be narrowed to one center (a Wagtail site): its counts are
those of the pages under the site's root page, its inquiries those sent to it
(`Inquiry.center`). The admissions report only ever counts the inquiries the
viewing user may see (contact.centers).
"""

import datetime
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils import timezone

from contact.centers import inquiries_for
from contact.models import Inquiry
from insights.models import DailyCount

Event = DailyCount.Event
SMALL_CELL = 5
PERIODS = {"7": 7, "30": 30, "90": 90}
MAX_DAYS = 366
DAY_NAMES = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
]


def shown(number):
    """An inquiry count as marketing sees it: under SMALL_CELL is "< 5"."""
    return f"< {SMALL_CELL}" if number < SMALL_CELL else f"{number:,}"


@dataclass
class Period:
    start: datetime.date
    end: datetime.date  # inclusive
    choice: str = "30"
    error: str = ""

    @property
    def days(self):
        return (self.end - self.start).days + 1

    @property
    def weekly(self):
        return self.days > 31

    def bucket(self, day):
        if not self.weekly:
            return day
        return max(self.start, day - datetime.timedelta(days=day.weekday()))

    def buckets(self):
        seen = []
        day = self.start
        while day <= self.end:
            if self.bucket(day) not in seen:
                seen.append(self.bucket(day))
            day += datetime.timedelta(days=1)
        return seen

    def inquiries(self, queryset=None):
        """Real inquiries (no spam) of `queryset` (all by default) received in
        the period, site time."""
        zone = timezone.get_current_timezone()
        since = datetime.datetime.combine(self.start, datetime.time.min, zone)
        until = datetime.datetime.combine(
            self.end + datetime.timedelta(days=1), datetime.time.min, zone
        )
        if queryset is None:
            queryset = Inquiry.objects.all()
        return queryset.exclude(status=Inquiry.Status.SPAM).filter(
            created_at__gte=since, created_at__lt=until
        )

    def counts(self):
        return DailyCount.objects.filter(date__gte=self.start, date__lte=self.end)


def period_from(query, today=None):
    """The period the report's form asks for: 7, 30 or 90 days to today, or custom."""
    today = today or timezone.localdate()
    choice = query.get("range", "30")
    if choice in PERIODS:
        days = PERIODS[choice]
        return Period(today - datetime.timedelta(days=days - 1), today, choice)
    if choice == "custom":
        try:
            start = datetime.date.fromisoformat(query.get("start", ""))
            end = datetime.date.fromisoformat(query.get("end", ""))
        except ValueError:
            error = "Enter both dates as YYYY-MM-DD."
        else:
            if start > end:
                error = "The first date must not be after the last."
            elif (end - start).days + 1 > MAX_DAYS:
                error = f"Choose at most {MAX_DAYS} days."
            else:
                return Period(start, end, "custom")
        period = period_from({"range": "30"}, today)
        period.choice, period.error = "custom", error
        return period
    return period_from({"range": "30"}, today)


def center_label(site):
    return site.site_name or site.hostname


def center_from(query, centers):
    """The center the report's form asks for, taken from `centers` (the sites
    the viewer may choose) only: (site, "") or (None, error) when it asks for
    another; (None, "") for all of them."""
    asked = query.get("center", "")
    if not asked:
        return None, ""
    for site in centers:
        if str(site.pk) == asked:
            return site, ""
    return None, "Choose a center from the list."


def in_center(counts, center):
    """Counts of pages of `center`'s site (None: every count). Rows of pages
    since deleted belong to no center. `center.root_page` should be loaded."""
    if center is None:
        return counts
    return counts.filter(page__path__startswith=center.root_page.path)


@dataclass
class Row:
    label: str
    views: int = 0
    calls: int = 0
    starts: int = 0
    inquiries: int = 0
    admitted: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def inquiries_shown(self):
        return shown(self.inquiries)

    @property
    def admitted_shown(self):
        return shown(self.admitted)

    @property
    def per_thousand(self):
        """Inquiries per 1,000 views, or None where it would reveal a small count."""
        if self.inquiries < SMALL_CELL or not self.views:
            return None
        return self.inquiries * 1000 / self.views

    @property
    def per_thousand_shown(self):
        rate = self.per_thousand
        return "—" if rate is None else f"{rate:,.1f}"


def event_totals(counts):
    totals = dict(counts.values_list("event").annotate(total=Sum("count")))
    return (
        totals.get(Event.VIEW, 0),
        totals.get(Event.CALL, 0),
        totals.get(Event.INQUIRY_START, 0) + totals.get(Event.INSURANCE_START, 0),
    )


def marketing(period, center=None):
    """The marketing totals of every center, or of `center` (a Site)."""
    counts = in_center(period.counts(), center)
    inquiries = period.inquiries()
    if center is not None:
        inquiries = inquiries.filter(center=center)
    views, calls, starts = event_totals(counts)
    total = Row(
        "All",
        views=views,
        calls=calls,
        starts=starts,
        inquiries=inquiries.count(),
        admitted=inquiries.filter(status=Inquiry.Status.ADMITTED).count(),
    )

    by_bucket = {day: Row(bucket_label(period, day)) for day in period.buckets()}
    for day, event, number in counts.values_list("date", "event").annotate(
        total=Sum("count")
    ):
        row = by_bucket[period.bucket(day)]
        if event == Event.VIEW:
            row.views += number
        elif event == Event.CALL:
            row.calls += number
    for created in inquiries.values_list("created_at", flat=True):
        by_bucket[period.bucket(timezone.localdate(created))].inquiries += 1

    pages = defaultdict(lambda: Row(""))
    for page_id, path, number in (
        counts.filter(event=Event.VIEW)
        .values_list("page_id", "path")
        .annotate(total=Sum("count"))
    ):
        row = pages[page_id]
        row.views += number
        row.label = row.label or path
    for page_id, number in inquiries.values_list("source_page_id").annotate(
        total=Count("pk")
    ):
        pages[page_id].inquiries += number
    titles = page_titles(pages)
    for page_id, row in pages.items():
        row.label = titles.get(page_id) or row.label or "Page not known"
    with_inquiries = [row for row in pages.values() if row.inquiries]
    top_by_inquiries = sorted(with_inquiries, key=lambda r: (-r.inquiries, r.label))
    top_by_rate = sorted(
        (row for row in with_inquiries if row.per_thousand is not None),
        key=lambda r: (-r.per_thousand, r.label),
    )

    return {
        "total": total,
        "series": list(by_bucket.values()),
        "top_by_inquiries": top_by_inquiries[:10],
        "top_by_rate": top_by_rate[:10],
        "campaigns": campaigns(counts, inquiries),
    }


def page_titles(pages):
    from wagtail.models import Page

    ids = [page_id for page_id in pages if page_id]
    return dict(Page.objects.filter(pk__in=ids).values_list("pk", "title"))


def bucket_label(period, day):
    if period.weekly:
        return f"Week of {day:%b} {day.day}, {day.year}"
    return f"{day:%a} {day:%b} {day.day}"


def campaign_label(source, medium, name):
    if not (source or medium or name):
        return "No campaign"
    return " / ".join(part or "(none)" for part in (source, medium, name))


def campaigns(counts, inquiries):
    rows = {}

    def row_for(key):
        if key not in rows:
            rows[key] = Row(campaign_label(*key))
        return rows[key]

    tags = ("utm_source", "utm_medium", "utm_campaign")
    for *key, event, number in (
        counts.filter(event__in=[Event.VIEW, Event.CALL])
        .values_list(*tags, "event")
        .annotate(total=Sum("count"))
    ):
        row = row_for(tuple(key))
        if event == Event.VIEW:
            row.views += number
        else:
            row.calls += number
    for *key, number, admitted in inquiries.values_list(*tags).annotate(
        total=Count("pk"), admitted=Count("pk", filter=Q(status="admitted"))
    ):
        row = row_for(tuple(key))
        row.inquiries += number
        row.admitted += admitted
    return sorted(rows.values(), key=lambda r: (-r.views, -r.inquiries, r.label))


# Admissions


def percentile(sorted_values, fraction):
    """The nearest-rank percentile of an ascending list (None when empty)."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def median(sorted_values):
    if not sorted_values:
        return None
    middle = len(sorted_values) // 2
    if len(sorted_values) % 2:
        return sorted_values[middle]
    return (sorted_values[middle - 1] + sorted_values[middle]) / 2


@dataclass
class ResponseRow:
    label: str
    received: int
    responded: int
    median: datetime.timedelta | None
    p90: datetime.timedelta | None


def response_rows(groups):
    rows = []
    for label, items in groups:
        times = sorted(
            item.first_responded_at - item.created_at
            for item in items
            if item.first_responded_at
        )
        rows.append(
            ResponseRow(
                label, len(items), len(times), median(times), percentile(times, 0.9)
            )
        )
    return rows


def admissions(period, user, center=None, now=None):
    """The admissions numbers of the inquiries `user` may see, of every center
    they handle or of `center` (a Site) alone; a center they do not handle
    leaves nothing."""
    now = now or timezone.now()
    visible = inquiries_for(user)
    if center is not None:
        visible = visible.filter(center=center)
    inquiries = list(
        period.inquiries(visible).select_related("assigned_to").order_by("created_at")
    )
    weeks = defaultdict(list)
    people = defaultdict(list)
    by_day = Counter()
    by_hour = Counter()
    for inquiry in inquiries:
        local = timezone.localtime(inquiry.created_at)
        week = local.date() - datetime.timedelta(days=local.weekday())
        weeks[week].append(inquiry)
        who = inquiry.assigned_to
        people[(who.get_full_name() or who.get_username()) if who else ""].append(
            inquiry
        )
        by_day[local.weekday()] += 1
        by_hour[local.hour] += 1
    waiting = (
        visible.exclude(status=Inquiry.Status.SPAM)
        .filter(status=Inquiry.Status.NEW, first_responded_at__isnull=True)
        .order_by("-is_urgent", "created_at")
    )
    return {
        "received": len(inquiries),
        "by_week": response_rows(
            (f"Week of {week:%b} {week.day}, {week.year}", items)
            for week, items in sorted(weeks.items())
        ),
        "by_assignee": response_rows(
            (name or "Not assigned", items)
            for name, items in sorted(people.items(), key=lambda i: (not i[0], i[0]))
        ),
        "waiting": [
            {"inquiry": inquiry, "waiting": now - inquiry.created_at}
            for inquiry in waiting[:100]
        ],
        "waiting_count": waiting.count(),
        "by_day": [(DAY_NAMES[day], by_day[day]) for day in range(7)],
        "by_hour": [(hour_label(hour), by_hour[hour]) for hour in range(24)],
    }


def hour_label(hour):
    return f"{hour % 12 or 12} {'am' if hour < 12 else 'pm'}"


def duration(value):
    """A time span as admissions says it: "2 h 5 min", "3 d 4 h", "40 min"."""
    if value is None:
        return "—"
    minutes = int(value.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min"
