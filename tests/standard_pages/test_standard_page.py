from django.urls import reverse

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import HomePage
from standard_pages.models import StandardPage
from tests.pages import make_standard_page


def test_page_tree_is_locked():
    case = WagtailPageTestCase()
    case.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
    case.assertAllowedSubpageTypes(StandardPage, {StandardPage})


def test_admissions_steps_render_as_a_numbered_list(client, home_page, center):
    make_standard_page(
        home_page,
        "Admissions",
        body=[
            (
                "steps",
                {
                    "heading": "How admission works",
                    "steps": [
                        {"title": "Call admissions", "text": "<p>Call [phone].</p>"},
                        {"title": "Verify insurance", "text": ""},
                    ],
                },
            )
        ],
    )
    html = client.get("/admissions/").content.decode()
    assert '<ol class="steps__list">' in html
    assert html.index("Call admissions") < html.index("Verify insurance")
    assert 'Call <a href="tel:+18662761920">866.276.1920</a>.' in html


def test_accepted_insurers_are_an_editable_list(admin_client, home_page, center):
    """Admissions add the plans once, as snippets; the block shows them in order."""
    add_url = reverse("wagtailsnippets_insurance_insurer:add")
    for name in ("Aetna", "Cigna"):
        response = admin_client.post(add_url, {"name": name})
        assert response.status_code == 302, response.content.decode()[:3000]
    insurance = make_standard_page(home_page, "Insurance")
    edit_url = f"/admin/pages/{insurance.pk}/edit/"
    data = nested_form_data(
        {
            "title": "Insurance",
            "slug": "insurance",
            "introduction": "Most plans cover treatment.",
            "body": streamfield(
                [
                    (
                        "insurers",
                        {
                            "heading": "Insurance we accept",
                            "note": rich_text("<p>Not listed? Call [phone].</p>"),
                        },
                    )
                ]
            ),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    html = admin_client.get("/insurance/").content.decode()
    assert html.index("<li>Aetna</li>") < html.index("<li>Cigna</li>")
    assert "Not listed? Call" in html


def test_an_editor_can_create_a_standard_page(admin_client, home_page):
    case = WagtailPageTestCase()
    case.client = admin_client
    case.assertCanCreate(
        home_page,
        StandardPage,
        nested_form_data(
            {
                "title": "Careers",
                "slug": "careers",
                "introduction": "Join our team.",
                "body": streamfield([("rich_text", rich_text("<p>Open roles.</p>"))]),
            }
        ),
    )
