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


ADDRESS_TEMPLATE = Template(
    "{% load fragment_tags %}"
    '{% address_fragment "head" unless_query %}{{ text }}{% endaddress_fragment %}'
)


def render_for_address(page, text, path=None, method="get", **context):
    request = getattr(RequestFactory(), method)(path or page.url, HTTP_HOST="localhost")
    return ADDRESS_TEMPLATE.render(
        Context({"page": page, "request": request, "text": text, **context})
    )


def test_a_part_of_a_page_is_kept_per_address(home_page):
    page = make_standard_page(home_page)
    assert render_for_address(page, "first") == "first"
    assert render_for_address(page, "second") == "first"
    assert render_for_address(page, "other", path=page.url + "sub/") == "other"


def test_a_part_is_rendered_afresh_for_a_query_a_form_answer_or_no_page(home_page):
    page = make_standard_page(home_page)
    render_for_address(page, "kept")
    assert render_for_address(page, "page 2", path=page.url + "?page=2") == "page 2"
    assert render_for_address(page, "answer", method="post") == "answer"
    # A view that is not a page (a 404) at any address a visitor makes up.
    assert render_for_address(None, "missing", path="/made-up/") == "missing"
    assert render_for_address(None, "again", path="/made-up/") == "again"
    # Unless the view says its address is one of the site's own.
    render_for_address(None, "search", path="/search/", fixed_address=True)
    kept = render_for_address(None, "other", path="/search/", fixed_address=True)
    assert kept == "search"
