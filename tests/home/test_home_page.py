import io

from django.core.management import call_command

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage


def test_home_page_lives_only_at_the_root():
    case = WagtailPageTestCase()
    case.assertAllowedParentPageTypes(HomePage, {Page})


def test_home_page_lists_menu_pages_and_featured_pages(
    client, home_page, center, django_assert_max_num_queries
):
    children = []
    for i in range(6):
        child = Page(
            title=f"Program {i}",
            slug=f"program-{i}",
            show_in_menus=True,
            search_description=f"About program {i}",
        )
        home_page.add_child(instance=child)
        child.save_revision().publish()
        children.append(child)
    home_page.featured = [
        ("featured_page", {"page": c, "heading": "", "text": ""}) for c in children
    ]
    home_page.save_revision().publish()
    with django_assert_max_num_queries(14):
        html = client.get("/").content.decode()
    for c in children:
        assert f'href="/program-{c.title[-1]}/"' in html
        assert f"About program {c.title[-1]}" in html


def test_demo_home_page_features_programs_the_center_and_the_seed_article(db, client):
    call_command("load_demo_content", stdout=io.StringIO())
    html = client.get("/").content.decode()
    for href in [
        "/treatment-programs/heroin-rehab/",
        "/treatment-programs/dual-diagnosis-treatment/",
        "/waltham/",
        "/articles/how-heroin-can-lead-to-depression/",
    ]:
        assert f'href="{href}"' in html.split('id="featured-heading"')[1], href
