import re

from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data, streamfield

from navigation.models import NavigationSettings
from tests.navigation.factories import section, set_menu
from tests.pages import make_standard_page


def menu_html(html):
    return re.search(r'<nav class="menu".*?</nav>', html, re.S).group(0)


def link_data(page=None, url="", text=""):
    return {"page": page.pk if page else "", "url": url, "link_text": text}


def children_data(pages):
    return {
        "count": len(pages),
        **{
            str(i): {"value": link_data(page), "deleted": "", "order": i, "id": ""}
            for i, page in enumerate(pages)
        },
    }


def test_editing_the_menu_in_the_admin_changes_the_site_menu(
    admin_client, site, home_page, center, committed
):
    about = make_standard_page(home_page, "About us", slug="about")
    careers = make_standard_page(home_page, "Careers", slug="careers")
    insurance = make_standard_page(home_page, "Insurance", slug="insurance")
    set_menu(site, [section(about)])
    assert "Insurance" not in menu_html(admin_client.get("/").content.decode())

    edit_url = reverse(
        "wagtailsettings:edit",
        args=["navigation", "navigationsettings", site.pk],
    )
    assert admin_client.get(edit_url).status_code == 200
    data = nested_form_data(
        {
            "main_menu": streamfield(
                [
                    (
                        "section",
                        {
                            **link_data(insurance, text="Paying for treatment"),
                            "children": children_data([careers]),
                        },
                    ),
                    ("section", {**link_data(about), "children": children_data([])}),
                ]
            ),
            "footer_links": streamfield([("link", link_data(careers))]),
        }
    )
    with committed():
        response = admin_client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    nav = menu_html(admin_client.get("/").content.decode())
    assert nav.index("Paying for treatment") < nav.index(">About us<")
    assert 'href="/careers/"' in nav
    stored = NavigationSettings.for_site(site)
    assert [block.value["page"].pk for block in stored.footer_links] == [careers.pk]


def test_the_admin_refuses_a_link_with_neither_page_nor_address(
    admin_client, site, home_page
):
    edit_url = reverse(
        "wagtailsettings:edit",
        args=["navigation", "navigationsettings", site.pk],
    )
    data = nested_form_data(
        {
            "main_menu": streamfield(
                [
                    (
                        "section",
                        {**link_data(text="Nowhere"), "children": children_data([])},
                    )
                ]
            ),
            "footer_links": streamfield([]),
        }
    )
    response = admin_client.post(edit_url, data)
    assert response.status_code == 200
    assert "Choose a page or type an external address" in response.content.decode()
    assert not NavigationSettings.for_site(site).main_menu
