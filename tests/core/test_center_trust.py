"""What a family reads before calling: the steps of a call and the center's credentials."""

import re

from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data, streamfield

from tests.contact.conftest import contact_page  # noqa: F401 - a fixture

STEP = {"title": "A counselor answers", "text": "Day or night, in confidence."}
ACCREDITED = {
    "name": "Accredited by The Joint Commission",
    "detail": "Behavioral Health Care",
    "link": "https://www.qualitycheck.org/",
}


def section(html, heading):
    """The text of the section under `heading`, tags removed."""
    part = html.split(f">{heading}</h2>")[1].split("</section>")[0]
    return " ".join(re.sub(r"<[^>]+>", " ", part).split())


def test_home_and_contact_show_the_steps_and_credentials_from_center_details(
    client,
    center,
    contact_page,  # noqa: F811
):
    center.call_steps = [("step", STEP)]
    center.credentials = [("credential", ACCREDITED)]
    center.save()

    for url in ["/", contact_page.url]:
        html = client.get(url).content.decode()
        steps = section(html, "What happens when you call")
        assert "A counselor answers Day or night, in confidence." in steps, url
        assert "Call 866.276.1920" in steps, url
        badges = section(html, "Accredited and licensed")
        assert badges == "Accredited by The Joint Commission Behavioral Health Care"
        assert 'href="https://www.qualitycheck.org/"' in html, url


def test_a_center_listing_none_shows_no_empty_sections(client, center):
    html = client.get("/").content.decode()
    assert "What happens when you call" not in html
    assert "Accredited and licensed" not in html


def test_a_credential_changed_in_the_admin_shows_on_the_next_view(
    admin_client, client, center, committed
):
    center.credentials = [("credential", ACCREDITED)]
    center.save()
    assert "The Joint Commission" in client.get("/").content.decode()

    url = reverse(
        "wagtailsettings:edit", args=["core", "centersettings", center.site_id]
    )
    form = nested_form_data(
        {
            "center_name": center.center_name,
            "tagline": center.tagline,
            "admissions_phone": "866.276.1920",
            "admissions_hours": center.admissions_hours,
            "address": center.address,
            "call_steps": streamfield([]),
            "credentials": streamfield(
                [
                    (
                        "credential",
                        {"name": "Licensed by the state", "detail": "", "link": ""},
                    )
                ]
            ),
            "crisis_lines": streamfield([]),
            "call_steps_es": streamfield([]),
            "crisis_lines_es": streamfield([]),
        }
    )
    with committed():
        response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]

    html = client.get("/").content.decode()
    assert "Licensed by the state" in html
    assert "The Joint Commission" not in html
