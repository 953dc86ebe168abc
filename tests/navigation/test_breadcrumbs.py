import re

from django.template import Context, Template

from wagtail.models import Site

from tests.pages import make_service, make_service_index, make_standard_page


def breadcrumbs(html):
    match = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S)
    return match.group(0) if match else ""


def test_breadcrumbs_lead_from_home_to_the_current_page(client, home_page, center):
    index = make_service_index(home_page)
    make_service(index, "Heroin rehab")
    trail = breadcrumbs(
        client.get("/treatment-programs/heroin-rehab/").content.decode()
    )
    assert 'aria-label="Breadcrumb"' in trail
    home = trail.index('<a href="/">Home</a>')
    programs = trail.index('<a href="/treatment-programs/">Treatment programs</a>')
    current = trail.index('<span aria-current="page">Heroin rehab</span>')
    assert home < programs < current


def test_breadcrumbs_on_a_top_level_page_and_none_on_the_home_page(
    client, home_page, center
):
    make_standard_page(home_page, "About us", slug="about")
    trail = breadcrumbs(client.get("/about/").content.decode())
    assert '<a href="/">Home</a>' in trail
    assert '<span aria-current="page">About us</span>' in trail
    assert breadcrumbs(client.get("/").content.decode()) == ""


def test_breadcrumbs_cost_one_query_however_deep(
    rf, home_page, center, django_assert_num_queries
):
    about = make_standard_page(home_page, "About us", slug="about")
    team = make_standard_page(about, "Our team", slug="team")
    careers = make_standard_page(team, "Careers", slug="careers")
    request = rf.get("/", HTTP_HOST="localhost")
    # A page view has already looked up the site and its root paths.
    Site.find_for_request(request)
    home_page.get_url(request)
    template = Template("{% load navigation_tags %}{% breadcrumbs %}")
    for page in [about, careers]:
        with django_assert_num_queries(1):
            html = template.render(Context({"request": request, "page": page}))
        assert f'<span aria-current="page">{page.title}</span>' in html
    assert '<a href="/about/team/">Our team</a>' in html
