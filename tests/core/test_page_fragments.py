"""A page's cached content is reused only for its live revision, and any change
that can alter what it shows makes it stale."""

from django.template import Context, Template
from django.test import RequestFactory

from core.models import CenterSettings
from tests.pages import make_standard_page

TEMPLATE = Template(
    '{% load fragment_tags %}{% page_fragment "content" %}{{ text|safe }}{% endpage_fragment %}'
)


def render(page, text, **request_attrs):
    request = RequestFactory().get(page.url, HTTP_HOST="localhost")
    for name, value in request_attrs.items():
        setattr(request, name, value)
    return TEMPLATE.render(Context({"page": page, "request": request, "text": text}))


def test_a_live_page_reuses_its_rendered_content(home_page):
    page = make_standard_page(home_page)
    assert render(page, "first") == "first"
    assert render(page, "second") == "first"


def test_a_new_revision_of_the_page_renders_afresh(home_page):
    page = make_standard_page(home_page)
    render(page, "first")
    page.save_revision().publish()
    page.refresh_from_db()
    assert render(page, "second") == "second"


def test_a_preview_neither_reads_nor_fills_the_cache(home_page):
    page = make_standard_page(home_page)
    render(page, "live")
    assert render(page, "draft", is_preview=True) == "draft"
    assert render(page, "live again") == "live"


def test_publishing_another_page_or_saving_settings_makes_it_stale(home_page, site):
    page = make_standard_page(home_page)
    render(page, "first")
    make_standard_page(home_page, title="Careers")
    assert render(page, "second") == "second"
    settings = CenterSettings.for_site(site)
    settings.admissions_hours = "Around the clock"
    settings.save()
    assert render(page, "third") == "third"


def test_content_holding_a_csrf_token_is_never_cached(home_page):
    page = make_standard_page(home_page)
    form = '<input name="csrfmiddlewaretoken" value="{}">'
    assert render(page, form.format("a")) == form.format("a")
    assert render(page, form.format("b")) == form.format("b")
