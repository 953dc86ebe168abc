import json

import pytest

from seo.structured_data import opening_hours, postal_address, to_json_ld
from tests.pages import make_location, make_standard_page, publish
from tests.seo.conftest import FAQ_BODY, json_ld, picture

pytestmark = pytest.mark.django_db


def seconds(moment):
    return moment.isoformat(timespec="seconds")


def test_every_page_describes_the_center(client, center, home_page):
    center.admissions_phone = "(617) 555-0134"
    center.logo = picture("Evoke logo")
    center.save()

    [clinic] = json_ld(client.get("/"))["MedicalClinic"]

    assert clinic["@context"] == "https://schema.org"
    assert clinic["name"] == "Evoke Wellness at Waltham"
    assert clinic["url"] == "http://localhost/"
    # E.164, from Settings → Center details.
    assert clinic["telephone"] == "+16175550134"
    assert clinic["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Waltham",
        "addressRegion": "MA",
        "postalCode": "02451",
        "addressCountry": "US",
    }
    assert clinic["logo"].startswith("http://localhost/media/images/")
    assert ".max-1200x630." in clinic["logo"]


def test_home_page_has_no_breadcrumbs(client, center, home_page):
    assert "BreadcrumbList" not in json_ld(client.get("/"))


def test_article_is_a_reviewed_medical_web_page(client, center, reviewed_article):
    reviewed_article.refresh_from_db()

    [page] = json_ld(client.get(reviewed_article.url))["MedicalWebPage"]

    url = "http://localhost/articles/heroin-and-depression/"
    assert page["url"] == url
    assert page["headline"] == "How Heroin Can Lead to Depression"
    assert page["description"].startswith("Heroin changes the brain")
    assert page["datePublished"] == seconds(reviewed_article.first_published_at)
    assert page["dateModified"] == seconds(reviewed_article.last_published_at)
    assert page["author"] == {
        "@type": "Person",
        "name": "Sam Ortiz",
        "jobTitle": "Writer",
    }
    assert page["reviewedBy"] == {
        "@type": "Person",
        "name": "Dana Reyes",
        "honorificSuffix": "MD",
        "jobTitle": "Medical Director",
    }
    assert page["lastReviewed"] == "2026-03-14"
    assert page["image"].startswith("http://localhost/media/images/")
    assert ".fill-1200x630" in page["image"]
    assert page["publisher"] == {"@id": "http://localhost/#organization"}
    article = page["mainEntity"]
    assert article["@type"] == "Article"
    assert article["headline"] == page["headline"]
    assert article["datePublished"] == page["datePublished"]
    assert article["author"]["name"] == "Sam Ortiz"
    assert article["image"] == page["image"]


def test_article_without_people_is_published_by_the_center(
    client, center, article_index
):
    from articles.models import ArticlePage

    article = publish(
        article_index,
        ArticlePage(
            title="Plain",
            slug="plain",
            summary="S.",
            body=json.dumps([{"type": "rich_text", "value": "<p>x</p>"}]),
        ),
    )

    [page] = json_ld(client.get(article.url))["MedicalWebPage"]

    assert page["author"] == {"@id": "http://localhost/#organization"}
    assert "reviewedBy" not in page
    assert "lastReviewed" not in page
    assert "image" not in page
    assert "FAQPage" not in json_ld(client.get(article.url))


def test_breadcrumbs_lead_from_home_to_the_page(client, center, reviewed_article):
    [trail] = json_ld(client.get(reviewed_article.url))["BreadcrumbList"]

    assert trail["itemListElement"] == [
        {
            "@type": "ListItem",
            "position": 1,
            "name": "Home",
            "item": "http://localhost/",
        },
        {
            "@type": "ListItem",
            "position": 2,
            "name": "Articles",
            "item": "http://localhost/articles/",
        },
        {
            "@type": "ListItem",
            "position": 3,
            "name": "How Heroin Can Lead to Depression",
            "item": "http://localhost/articles/heroin-and-depression/",
        },
    ]


def test_faq_block_becomes_an_faq_page(client, center, reviewed_article):
    [faq] = json_ld(client.get(reviewed_article.url))["FAQPage"]

    assert faq["mainEntity"] == [
        {
            "@type": "Question",
            "name": "Does insurance cover rehab?",
            "acceptedAnswer": {
                "@type": "Answer",
                # [phone] is filled in from the center's settings; no markup.
                "text": "Most plans do. Call 866.276.1920 to check.",
            },
        },
        {
            "@type": "Question",
            "name": "Can my family visit?",
            "acceptedAnswer": {"@type": "Answer", "text": "Yes, weekly."},
        },
    ]


def test_faq_on_a_standard_page_too(client, center, home_page):
    page = make_standard_page(home_page, "Admissions", body=json.dumps(FAQ_BODY))

    found = json_ld(client.get(page.url))

    assert len(found["FAQPage"][0]["mainEntity"]) == 2
    assert "MedicalWebPage" not in found
    assert [item["name"] for item in found["BreadcrumbList"][0]["itemListElement"]] == [
        "Home",
        "Admissions",
    ]


def test_location_is_a_clinic_with_its_hours_and_own_phone(client, center, home_page):
    location = make_location(
        home_page,
        "Evoke Wellness at Waltham",
        slug="waltham",
        address="Evoke Wellness at Waltham\n1 Main Street\nWaltham, MA 02451",
        admissions_phone="617.555.0100",
        hours="Admissions: 24 hours a day, 7 days a week\n"
        "Visiting: Saturday and Sunday 1–4pm\n"
        "Office: Monday–Friday 9am–5pm\n"
        "Closed on public holidays",
    )

    clinics = json_ld(client.get(location.url))["MedicalClinic"]

    [clinic] = [item for item in clinics if item["@id"].endswith("#clinic")]
    assert clinic["name"] == "Evoke Wellness at Waltham"
    assert clinic["url"] == "http://localhost/waltham/"
    assert clinic["telephone"] == "+16175550100"
    assert clinic["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "1 Main Street",
        "addressLocality": "Waltham",
        "addressRegion": "MA",
        "postalCode": "02451",
        "addressCountry": "US",
    }
    assert clinic["parentOrganization"] == {"@id": "http://localhost/#organization"}
    assert clinic["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [
                "Monday",
                "Tuesday",
                "Wednesday",
                "Thursday",
                "Friday",
                "Saturday",
                "Sunday",
            ],
            "opens": "00:00",
            "closes": "23:59",
        },
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": ["Saturday", "Sunday"],
            "opens": "13:00",
            "closes": "16:00",
        },
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
            "opens": "09:00",
            "closes": "17:00",
        },
    ]


def test_location_without_its_own_phone_uses_the_centers(client, center, home_page):
    location = make_location(home_page, "Lowell", slug="lowell", hours="")

    clinics = json_ld(client.get(location.url))["MedicalClinic"]

    [clinic] = [item for item in clinics if item["@id"].endswith("#clinic")]
    assert clinic["telephone"] == "+18662761920"
    assert "openingHoursSpecification" not in clinic


@pytest.mark.parametrize(
    ("line", "days", "opens", "closes"),
    [
        ("24/7", 7, "00:00", "23:59"),
        ("Mon-Fri 8:30 AM – 6 PM", 5, "08:30", "18:00"),
        ("Weekdays 9-5pm", 5, "09:00", "17:00"),
        ("Sat 10am to noon-ish", 0, None, None),
        ("Tues through Thurs 12pm–8pm", 3, "12:00", "20:00"),
        ("Daily 07:00-21:00", 7, "07:00", "21:00"),
        ("Sunday: closed", 0, None, None),
        ("Call us any time", 0, None, None),
    ],
)
def test_opening_hours_are_read_only_when_clear(line, days, opens, closes):
    hours = opening_hours([line])

    if not days:
        assert hours == []
    else:
        [spec] = hours
        assert (len(spec["dayOfWeek"]), spec["opens"], spec["closes"]) == (
            days,
            opens,
            closes,
        )


def test_address_that_is_not_us_shaped_stays_whole():
    assert postal_address(["Unit 4", "Somewhere far"]) == {
        "@type": "PostalAddress",
        "streetAddress": "Unit 4, Somewhere far",
    }


def test_json_ld_cannot_close_its_script_tag():
    text = to_json_ld({"name": "</script><script>alert(1)</script> & more"})

    assert "</script>" not in text
    assert "<" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script> & more"}


def test_page_text_cannot_escape_the_json_ld(client, center, article_index):
    from articles.models import ArticlePage

    article = publish(
        article_index,
        ArticlePage(
            title="Tricky </script><script>alert(1)</script>",
            slug="tricky",
            summary="S.",
            body=json.dumps([{"type": "rich_text", "value": "<p>x</p>"}]),
        ),
    )

    html = client.get(article.url).content.decode()

    assert "<script>alert(1)</script>" not in html
    [page] = json_ld(client.get(article.url))["MedicalWebPage"]
    assert page["headline"] == "Tricky </script><script>alert(1)</script>"
