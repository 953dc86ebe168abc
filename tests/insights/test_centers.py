"""The reports, center by center: each center's numbers are its own.

Waltham is the default site (`seeded`); Hyannis is a second center with its
own home page, counts and inquiries. A marketer picks either center or all of
them; a center's admissions team sees its own center only, whatever the
address asks for; the Admissions group sees every center and picks one.
"""

import csv
import datetime
import io
import re
from collections import Counter

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, Site

import pytest

from contact.centers import ensure_admissions_team
from contact.models import Inquiry, InquirySettings
from home.models import HomePage
from insights import counting, reports
from insights.models import DailyCount
from standard_pages.models import StandardPage
from tests.contact.conftest import make_inquiry, make_staff
from tests.insights.conftest import at, days_ago, send_beacon
from tests.tools import ensure_page_tree_root

Event = DailyCount.Event
SPRING = {"utm_source": "google", "utm_medium": "cpc", "utm_campaign": "spring"}


def add_center(name, hostname, slug):
    """A center: a site of its own with a home page and a detox page."""
    home = HomePage(title=f"Evoke Wellness at {name}", slug=slug, hero_text="Hi.")
    ensure_page_tree_root().add_child(instance=home)
    home.save_revision().publish()
    detox = StandardPage(title=f"Detox in {name}", slug="detox")
    home.add_child(instance=detox)
    detox.save_revision().publish()
    site = Site.objects.create(
        hostname=hostname, port=80, root_page=home, site_name=f"Evoke {name}"
    )
    return site, home, detox


@pytest.fixture
def centers(seeded, site):
    """Waltham (`seeded`: 1,200 views, 10 inquiries) and Hyannis (800 views,
    8 inquiries), plus what belongs to no center: a deleted page's views and
    an inquiry whose site is gone."""
    site.site_name = "Evoke Waltham"
    site.save()
    waltham = site
    Inquiry.objects.update(center=waltham)
    hyannis, home, detox = add_center("Hyannis", "hyannis.example.org", "hyannis")
    for page, path, event, tags, number in [
        (home, "/", Event.VIEW, {}, 300),
        (home, "/", Event.CALL, {}, 4),
        (detox, "/detox/", Event.VIEW, SPRING, 500),
        (detox, "/detox/", Event.INSURANCE_START, {}, 6),
        (None, "/old-page/", Event.VIEW, {}, 50),
    ]:
        DailyCount.objects.create(
            date=days_ago(3), page=page, path=path, event=event, count=number, **tags
        )
    for index in range(6):
        make_inquiry(
            center=hyannis,
            source_page=detox,
            created_at=at(days_ago(3), 11, index),
            status=Inquiry.Status.ADMITTED if index == 0 else Inquiry.Status.NEW,
            **SPRING,
        )
    for index in range(2):
        make_inquiry(
            center=hyannis, source_page=home, created_at=at(days_ago(3), 16, index)
        )
    make_inquiry(center=hyannis, status=Inquiry.Status.SPAM)
    make_inquiry(created_at=at(days_ago(3), 8))  # its center's site was deleted
    return waltham, hyannis


def rows_of(site, period):
    """A center's totals worked out by hand from its rows: counts of the pages
    under its home page, inquiries sent to it."""
    totals = Counter()
    for row in DailyCount.objects.filter(
        date__gte=period.start, date__lte=period.end
    ).select_related("page"):
        if row.page and row.page.path.startswith(site.root_page.path):
            totals[row.event] += row.count
    inquiries = [
        inquiry
        for inquiry in Inquiry.objects.exclude(status=Inquiry.Status.SPAM)
        if inquiry.center_id == site.pk
        and period.start <= timezone.localdate(inquiry.created_at) <= period.end
    ]
    return (
        totals[Event.VIEW],
        totals[Event.CALL],
        totals[Event.INQUIRY_START] + totals[Event.INSURANCE_START],
        len(inquiries),
        sum(inquiry.status == Inquiry.Status.ADMITTED for inquiry in inquiries),
    )


def totals(row):
    return (row.views, row.calls, row.starts, row.inquiries, row.admitted)


def summary(html):
    """The report's summary as the marketer reads it: {term: shown value}."""
    block = html[html.index('<dl class="insights-summary">') :]
    block = block[: block.index("</dl>")]
    return dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", block))


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def center_options(html):
    """The Center filter's choices: [(value, label, selected)]."""
    select = re.search(r'<select name="center"[^>]*>(.*?)</select>', html, re.S)
    assert select, "no Center filter"
    return [
        (value, label.strip(), bool(chosen))
        for value, chosen, label in re.findall(
            r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select.group(1)
        )
    ]


# Marketing


def test_each_centers_marketing_numbers_are_the_rows_of_that_center(centers):
    waltham, hyannis = centers
    period = reports.period_from({"range": "30"})
    for site, expected in [
        (waltham, (1200, 9, 14, 10, 2)),
        (hyannis, (800, 4, 6, 8, 1)),
    ]:
        data = reports.marketing(period, center=site)
        assert totals(data["total"]) == rows_of(site, period) == expected, site
        assert sum(row.views for row in data["series"]) == expected[0]
        assert sum(row.inquiries for row in data["series"]) == expected[3]
    # Every center together, with what belongs to none: a deleted page's 50
    # views and the inquiry whose site is gone.
    assert totals(reports.marketing(period)["total"]) == (2050, 13, 20, 19, 3)

    hyannis_only = reports.marketing(period, center=hyannis)
    by_day = {
        row.label: (row.views, row.calls, row.inquiries)
        for row in hyannis_only["series"]
    }
    assert by_day[reports.bucket_label(period, days_ago(3))] == (800, 4, 8)
    assert by_day[reports.bucket_label(period, days_ago(1))] == (0, 0, 0)
    pages = {
        row.label: (row.views, row.inquiries)
        for row in hyannis_only["top_by_inquiries"]
    }
    assert pages == {
        "Detox in Hyannis": (500, 6),
        "Evoke Wellness at Hyannis": (300, 2),
    }
    assert [row.label for row in hyannis_only["top_by_rate"]] == ["Detox in Hyannis"]
    campaigns = {
        row.label: (row.views, row.calls, row.inquiries, row.admitted)
        for row in hyannis_only["campaigns"]
    }
    assert campaigns == {
        "google / cpc / spring": (500, 0, 6, 1),
        "No campaign": (300, 4, 2, 0),
    }


def test_a_marketer_picks_a_center_and_reads_only_its_numbers(
    client, centers, marketer
):
    waltham, hyannis = centers
    client.force_login(marketer)
    url = reverse("insights_marketing")
    html = client.get(url).content.decode()
    assert center_options(html) == [
        ("", "All centers", True),
        (str(hyannis.pk), "Evoke Hyannis", False),
        (str(waltham.pk), "Evoke Waltham", False),
    ]
    assert '<label for="insights-center">Center</label>' in html
    assert summary(html)["Page views"] == "2050"

    html = client.get(url, {"range": "30", "center": hyannis.pk}).content.decode()
    assert (str(hyannis.pk), "Evoke Hyannis", True) in center_options(html)
    assert summary(html) == {
        "Page views": "800",
        "Call taps": "4",
        "Forms started": "6",
        "Inquiries": "8",
        "Admitted": "&lt; 5",
        "Inquiries per 1,000 views": "10.0",
    }
    assert "Evoke Wellness at Waltham" not in html and "Contact us" not in html
    # The download takes the same center along.
    assert f"?range=30&amp;center={hyannis.pk}&amp;export=csv" in html

    html = client.get(url, {"center": waltham.pk}).content.decode()
    assert summary(html)["Page views"] == "1200"
    assert summary(html)["Inquiries"] == "10"
    assert "Detox in Hyannis" not in html


def test_the_csv_export_follows_the_center_filter(client, centers, marketer):
    waltham, hyannis = centers
    client.force_login(marketer)
    response = client.get(
        reverse("insights_marketing"),
        {"range": "30", "center": hyannis.pk, "export": "csv"},
    )
    assert "hyannis" in response["Content-Disposition"]
    table = csv_rows(response)
    (total,) = [row for row in table if row[0] == "Total"]
    assert "Evoke Hyannis" in total[1]
    assert total[2:] == ["800", "4", "8", "< 5", "10.0"]
    pages = {row[1]: row for row in table if row[0] == "Page"}
    assert set(pages) == {"Detox in Hyannis", "Evoke Wellness at Hyannis"}
    assert pages["Evoke Wellness at Hyannis"][4] == "< 5"  # 2 inquiries
    campaigns = {row[1]: row[2:6] for row in table if row[0] == "Campaign"}
    assert campaigns == {
        "google / cpc / spring": ["500", "0", "6", "< 5"],
        "No campaign": ["300", "4", "< 5", "< 5"],
    }
    over_time = [row[2:5] for row in table if row[0] == "Over time"]
    assert sum(int(views) for views, _, _ in over_time) == 800
    assert [row for row in over_time if row != ["0", "0", "< 5"]] == [["800", "4", "8"]]

    waltham_csv = csv_rows(
        client.get(
            reverse("insights_marketing"),
            {"center": waltham.pk, "export": "csv"},
        )
    )
    (total,) = [row for row in waltham_csv if row[0] == "Total"]
    assert total[2:6] == ["1200", "9", "10", "< 5"]
    all_csv = csv_rows(client.get(reverse("insights_marketing"), {"export": "csv"}))
    (total,) = [row for row in all_csv if row[0] == "Total"]
    assert total[2:5] == ["2050", "13", "19"]


def test_a_center_that_does_not_exist_is_refused_and_all_centers_shown(
    client, centers, marketer
):
    client.force_login(marketer)
    for asked in ("999999", "hyannis", "1 OR 1=1"):
        response = client.get(reverse("insights_marketing"), {"center": asked})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Choose a center from the list" in html, asked
        assert summary(html)["Page views"] == "2050"
        assert center_options(html)[0] == ("", "All centers", True)


# Admissions


@pytest.fixture
def hyannis_team(centers, django_user_model):
    """Jamie, on Hyannis's own admissions team (Settings → Inquiries)."""
    _, hyannis = centers
    team = ensure_admissions_team(hyannis)
    return make_staff(
        django_user_model, "jamie", team.name, first_name="Jamie", last_name="Cole"
    )


def waltham_inquiries(waltham):
    return Inquiry.objects.filter(center=waltham).exclude(status=Inquiry.Status.SPAM)


def test_a_center_team_member_sees_only_their_center(client, centers, hyannis_team):
    waltham, hyannis = centers
    pat = make_staff(type(hyannis_team), "pat", first_name="Pat", last_name="Ray")
    Inquiry.objects.filter(center=waltham).update(assigned_to=pat)
    Inquiry.objects.filter(center=hyannis).update(assigned_to=hyannis_team)
    answered = (
        Inquiry.objects.filter(center=hyannis, status=Inquiry.Status.NEW)
        .order_by("created_at")
        .first()
    )
    Inquiry.objects.filter(pk=answered.pk).update(
        first_responded_at=answered.created_at + datetime.timedelta(minutes=25)
    )

    client.force_login(hyannis_team)
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("insights_admissions") in menu
    response = client.get(reverse("insights_admissions"))
    assert response.status_code == 200
    html = response.content.decode()
    assert center_options(html) == [
        ("", "All centers I handle", True),
        (str(hyannis.pk), "Evoke Hyannis", False),
    ]
    assert response.context["received"] == 8
    assert [row.label for row in response.context["by_assignee"]] == ["Jamie Cole"]
    assert "Pat Ray" not in html
    assert sum(row.received for row in response.context["by_week"]) == 8
    assert sum(row.responded for row in response.context["by_week"]) == 1
    assert sum(number for _, number in response.context["by_day"]) == 8
    assert dict(response.context["by_hour"])["8 am"] == 0  # the centerless one
    assert dict(response.context["by_hour"])["11 am"] == 6
    assert response.context["waiting_count"] == 6
    for inquiry in waltham_inquiries(waltham):
        assert f"Inquiry #{inquiry.pk}<" not in html

    # Asking for Waltham by the address shows nothing of Waltham.
    for asked in (waltham.pk, f"{waltham.pk}&center={hyannis.pk}"):
        response = client.get(reverse("insights_admissions") + f"?center={asked}")
        html = response.content.decode()
        assert response.status_code == 200
        assert response.context["received"] == 8
        assert response.context["waiting_count"] == 6
        assert "Pat Ray" not in html
        assert "Evoke Waltham" not in html
        for inquiry in waltham_inquiries(waltham):
            assert f"Inquiry #{inquiry.pk}<" not in html


def test_a_team_member_without_a_center_sees_an_empty_report(
    client, centers, django_user_model
):
    """The team's group has the inquiry permissions but no center names it."""
    _, hyannis = centers
    team = ensure_admissions_team(hyannis)
    InquirySettings.objects.filter(site=hyannis).update(admissions_team=None)
    user = make_staff(django_user_model, "drew", team.name)
    client.force_login(user)
    response = client.get(reverse("insights_admissions"))
    assert response.status_code == 200
    assert response.context["received"] == 0
    assert response.context["waiting_count"] == 0
    assert center_options(response.content.decode()) == [
        ("", "All centers I handle", True)
    ]


def test_group_wide_admissions_sees_every_center_and_can_pick_one(
    client, centers, admissions
):
    waltham, hyannis = centers
    client.force_login(admissions)
    url = reverse("insights_admissions")
    response = client.get(url)
    assert center_options(response.content.decode()) == [
        ("", "All centers I handle", True),
        (str(hyannis.pk), "Evoke Hyannis", False),
        (str(waltham.pk), "Evoke Waltham", False),
    ]
    assert response.context["received"] == 19
    # Waltham's 9 new ones (one from before the period), Hyannis's 7 and the
    # one whose site is gone.
    assert response.context["waiting_count"] == 9 + 7 + 1

    response = client.get(url, {"center": waltham.pk})
    html = response.content.decode()
    assert (str(waltham.pk), "Evoke Waltham", True) in center_options(html)
    assert response.context["received"] == 10
    waiting = {item["inquiry"].center_id for item in response.context["waiting"]}
    assert waiting == {waltham.pk}
    assert response.context["waiting_count"] == 9

    response = client.get(url, {"center": hyannis.pk})
    assert response.context["received"] == 8
    assert response.context["waiting_count"] == 7
    assert sum(number for _, number in response.context["by_day"]) == 8

    response = client.get(url, {"center": "999999"})
    assert "Choose a center from the list" in response.content.decode()
    assert response.context["received"] == 19


# The reports do not ask the database once per center or per page.


def queries_for(client, url, query):
    client.get(url, query)  # settings and sessions cached as they would be
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, query).status_code == 200
    return len(queries)


@pytest.mark.parametrize("report", ["insights_marketing", "insights_admissions"])
def test_the_number_of_queries_does_not_grow_with_centers(
    client, centers, marketer, admissions, report
):
    _, hyannis = centers
    client.force_login(marketer if report == "insights_marketing" else admissions)
    url = reverse(report)
    before = {
        choice: queries_for(client, url, query)
        for choice, query in {
            "all": {},
            "one": {"center": hyannis.pk},
            "csv": {"export": "csv"},
        }.items()
        if report == "insights_marketing" or choice != "csv"
    }
    for number in range(4):
        site, home, detox = add_center(
            f"Town {number}", f"t{number}.example", f"t{number}"
        )
        for page in (home, detox):
            DailyCount.objects.create(
                date=days_ago(1),
                page=page,
                path=f"/{number}/{page.slug}/",
                event=Event.VIEW,
            )
            make_inquiry(center=site, source_page=page, created_at=at(days_ago(1)))
        ensure_admissions_team(site)
    after = {
        choice: queries_for(client, url, query)
        for choice, query in {
            "all": {},
            "one": {"center": hyannis.pk},
            "csv": {"export": "csv"},
        }.items()
        if choice in before
    }
    assert after == before
    assert Page.objects.count() > 10


def test_two_centers_home_pages_visited_the_same_day_are_counted_apart(
    shared_redis, centers, settings
):
    """Every center's home page is at "/": a family on Hyannis's home page
    is a view of Hyannis, even on a day Waltham's home page was seen first."""
    waltham, hyannis = centers
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, hyannis.hostname]
    at_hyannis = {"Host": hyannis.hostname}
    for _ in range(3):
        send_beacon(waltham.root_page, path="/")
    for _ in range(2):
        send_beacon(hyannis.root_page, path="/", headers=at_hyannis)
    send_beacon(
        hyannis.root_page, "call", path="/", phone="+18662761920", headers=at_hyannis
    )
    counting.flush(shared_redis)
    today = reports.period_from({"range": "7"})
    today.start = today.end
    assert totals(reports.marketing(today, center=waltham)["total"])[:2] == (3, 0)
    assert totals(reports.marketing(today, center=hyannis)["total"])[:2] == (2, 1)
    assert totals(reports.marketing(today)["total"])[:2] == (5, 1)
