"""Reports → Marketing and Reports → Admissions, as each role meets them."""

import csv
import datetime
import io

from django.urls import reverse
from django.utils import timezone

from contact.models import Inquiry
from insights import reports
from tests.contact.conftest import make_inquiry, make_staff
from tests.insights.conftest import TODAY, at, days_ago


def test_the_marketing_numbers_equal_the_rows(seeded):
    data = reports.marketing(reports.period_from({"range": "30"}))
    total = data["total"]
    assert (total.views, total.calls, total.starts) == (1200, 9, 14)
    assert (total.inquiries, total.admitted) == (10, 2)
    period = reports.period_from({"range": "30"})
    by_day = {
        row.label: (row.views, row.calls, row.inquiries) for row in data["series"]
    }
    assert len(by_day) == 30
    assert by_day[reports.bucket_label(period, days_ago(1))] == (1000, 9, 7)
    assert by_day[reports.bucket_label(period, days_ago(2))] == (200, 0, 3)
    campaigns = {row.label: row for row in data["campaigns"]}
    spring = campaigns["google / cpc / spring"]
    assert (spring.views, spring.calls, spring.inquiries, spring.admitted) == (
        600,
        9,
        7,
        2,
    )
    none = campaigns["No campaign"]
    assert (none.views, none.calls, none.inquiries, none.admitted) == (600, 0, 3, 0)
    pages = {row.label: row for row in data["top_by_inquiries"]}
    assert pages["Evoke Wellness at Waltham"].inquiries == 7
    assert pages["Evoke Wellness at Waltham"].per_thousand == 7.0
    assert pages["Contact us"].inquiries == 3
    # Three inquiries would show as a rate: that page is not ranked by rate.
    assert [row.label for row in data["top_by_rate"]] == ["Evoke Wellness at Waltham"]


def test_ninety_days_are_shown_by_week(seeded):
    data = reports.marketing(reports.period_from({"range": "90"}))
    assert data["total"].views == 6200
    assert sum(row.inquiries for row in data["series"]) == 11
    assert all(row.label.startswith("Week of") for row in data["series"])


def test_custom_dates_and_bad_ones(seeded):
    day = days_ago(2).isoformat()
    period = reports.period_from({"range": "custom", "start": day, "end": day})
    assert reports.marketing(period)["total"].views == 200
    bad = reports.period_from({"range": "custom", "start": day, "end": "x"})
    assert bad.error and bad.days == 30


def test_inquiry_counts_under_five_are_shown_as_under_five(client, seeded, marketer):
    client.force_login(marketer)
    html = client.get(reverse("insights_marketing")).content.decode()
    assert "Inquiries per 1,000 views" in html
    # The contact page's 3 inquiries and 2 admissions never show as numbers.
    assert "<td>&lt; 5</td>" in html
    assert "<td>3</td>" not in html and "<td>2</td>" not in html
    assert "<td>7</td>" in html
    exported = client.get(reverse("insights_marketing") + "?range=30&export=csv")
    table = list(csv.reader(io.StringIO(exported.content.decode())))
    campaigns = {row[1]: row for row in table if row[0] == "Campaign"}
    assert campaigns["No campaign"][4] == "< 5"
    assert campaigns["google / cpc / spring"][4:6] == ["7", "< 5"]
    assert [row[4] for row in table if row[0] == "Over time" and row[4] != "< 5"] == [
        "7"
    ]


def test_the_marketing_report_shows_no_inquiry(client, seeded, marketer):
    client.force_login(marketer)
    html = client.get(reverse("insights_marketing")).content.decode()
    assert "Inquiry #" not in html and "Sam Lee" not in html
    assert "/inquiries/" not in html


def test_marketing_editors_reach_neither_the_admissions_report_nor_an_inquiry(
    client, seeded, marketer
):
    client.force_login(marketer)
    inquiry = Inquiry.objects.first()
    assert client.get(reverse("insights_marketing")).status_code == 200
    for url in (
        reverse("insights_admissions"),
        reverse("inquiries:index"),
        reverse("inquiries:edit", args=[inquiry.pk]),
        reverse("inquiries:inspect", args=[inquiry.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "Sam Lee" not in response.content.decode()
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("insights_marketing") in menu
    assert reverse("insights_admissions") not in menu


def test_admissions_cannot_reach_the_marketing_report(client, seeded, admissions):
    client.force_login(admissions)
    assert client.get(reverse("insights_marketing")).status_code in (302, 403)
    assert client.get(reverse("insights_admissions")).status_code == 200
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("insights_admissions") in menu
    assert reverse("insights_marketing") not in menu


def test_staff_of_neither_group_reach_neither_report(client, db, django_user_model):
    user = make_staff(django_user_model, "someone", is_staff=True)
    client.force_login(user)
    for name in ("insights_marketing", "insights_admissions"):
        assert client.get(reverse(name)).status_code in (302, 403)


def test_time_to_first_response_median_and_90th_percentile(home_page, admissions):
    week = TODAY - datetime.timedelta(days=TODAY.weekday())
    for minutes in (10, 20, 30, 40, 50, 60, 70, 80, 90, 600):
        inquiry = make_inquiry(created_at=at(week, 8), assigned_to=admissions)
        inquiry.first_responded_at = inquiry.created_at + datetime.timedelta(
            minutes=minutes
        )
        inquiry.save()
    data = reports.admissions(reports.period_from({"range": "7"}), admissions)
    (row,) = data["by_week"]
    assert (row.received, row.responded) == (10, 10)
    assert row.median == datetime.timedelta(minutes=55)
    assert row.p90 == datetime.timedelta(minutes=90)
    (person,) = data["by_assignee"]
    assert person.label == "admissions" and person.median == row.median


def test_waiting_inquiries_are_listed_urgent_first_then_oldest(
    client, home_page, admissions
):
    now = timezone.now()
    old = make_inquiry(created_at=now - datetime.timedelta(hours=5))
    urgent = make_inquiry(created_at=now - datetime.timedelta(hours=1), is_urgent=True)
    make_inquiry(status=Inquiry.Status.CONTACTED)
    make_inquiry(status=Inquiry.Status.SPAM)
    data = reports.admissions(reports.period_from({"range": "7"}), admissions, now=now)
    assert [item["inquiry"] for item in data["waiting"]] == [urgent, old]
    assert reports.duration(data["waiting"][1]["waiting"]) == "5 h 0 min"
    client.force_login(admissions)
    html = client.get(reverse("insights_admissions")).content.decode()
    assert html.index(f"Inquiry #{urgent.pk}") < html.index(f"Inquiry #{old.pk}")


def test_inquiries_by_day_of_week_and_hour(home_page, admissions):
    make_inquiry(created_at=at(days_ago(1), 21))
    make_inquiry(created_at=at(days_ago(1), 21, 30))
    make_inquiry(created_at=at(days_ago(2), 7))
    data = reports.admissions(reports.period_from({"range": "7"}), admissions)
    expected = dict.fromkeys(reports.DAY_NAMES, 0)
    expected[reports.DAY_NAMES[days_ago(1).weekday()]] = 2
    expected[reports.DAY_NAMES[days_ago(2).weekday()]] = 1
    assert dict(data["by_day"]) == expected
    assert dict(data["by_hour"])["9 pm"] == 2 and dict(data["by_hour"])["7 am"] == 1
