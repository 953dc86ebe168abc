import io
import json
import re

from django.apps import apps
from django.core.management import call_command

from wagtail.models import Locale, Page, Site

from articles.models import ArticleIndexPage, ArticlePage
from core.models import CenterSettings
from services.models import ServicePage


def table_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"core", "home", "articles", "contact", "wagtailcore", "wagtailimages"}
        and not model._meta.label.startswith(
            ("wagtailcore.ModelLogEntry", "wagtailcore.PageLogEntry")
        )
    }


def test_demo_content_loads_once_and_a_second_run_adds_nothing(db):
    call_command("load_demo_content", stdout=io.StringIO())
    first = table_counts()
    call_command("load_demo_content", stdout=io.StringIO())
    assert table_counts() == first


def test_demo_site_serves_the_home_page_with_the_tagline(db, client, settings):
    # As `make run` loads it: links that leave the page point where it serves.
    call_command(
        "load_demo_content", "--address", "127.0.0.1:8000", stdout=io.StringIO()
    )
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class.__name__ == "HomePage"
    # Each center's home page at the top of the tree: Waltham's and Cohasset's,
    # and Waltham's in Spanish (the root of its Spanish pages).
    top = Page.objects.filter(depth=2)
    assert top.filter(locale__language_code="en").count() == 2
    assert list(top.filter(locale__language_code="es")) == [
        site.root_page.get_translation(Locale.objects.get(language_code="es"))
    ]
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    served = {"HTTP_HOST": "127.0.0.1:8000"}
    html = client.get("/", **served).content.decode()
    assert '<link rel="canonical" href="http://127.0.0.1:8000/">' in html
    robots = client.get("/robots.txt", **served).content.decode()
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in robots
    sitemap = client.get("/sitemap.xml", **served).content.decode()
    assert "<loc>http://127.0.0.1:8000/</loc>" in sitemap
    assert "localhost" not in html + robots + sitemap
    assert "Build a foundation for lasting recovery from addiction" in html
    assert "tel:+18662761920" in html
    center = CenterSettings.for_site(site)
    assert [line.value["phone"] for line in center.crisis_lines] == [
        "988",
        "1-800-662-4357",
    ]


def test_demo_center_has_a_logo_in_the_header_and_structured_data(db, client):
    call_command("load_demo_content", stdout=io.StringIO())
    center = CenterSettings.for_site(Site.objects.get(is_default_site=True))

    html = client.get("/").content.decode()

    assert center.logo is not None
    assert center.logo.description  # alt text for wherever it stands alone
    assert 'class="site-header__logo"' in html
    # Next to the center's name in the same link, the logo adds nothing to
    # read out, so screen readers skip it.
    assert re.search(r'<img [^>]*alt=""[^>]*class="site-header__logo"', html) or (
        re.search(r'<img [^>]*class="site-header__logo"[^>]*alt=""', html)
    )
    organization = next(
        item
        for block in re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', html, re.S
        )
        for item in json.loads(block).get("@graph", [json.loads(block)])
        if item.get("@type") in {"Organization", "MedicalOrganization", "MedicalClinic"}
    )
    assert "/evoke-logo" in organization["logo"]


def test_the_demo_serves_two_centers_each_at_its_own_address(db, client, settings):
    call_command(
        "load_demo_content", "--address", "127.0.0.1:8000", stdout=io.StringIO()
    )
    # As settings/dev.py has it: waltham.localhost shows the default center.
    settings.DEFAULT_SITE_HOSTNAMES = [
        *settings.DEFAULT_SITE_HOSTNAMES,
        "waltham.localhost",
    ]
    for host in ["127.0.0.1:8000", "waltham.localhost:8000"]:
        html = client.get("/", HTTP_HOST=host).content.decode()
        assert "tel:+18662761920" in html, host
        assert "Evoke Wellness at Waltham" in html, host
        assert "tel:+18669316429" not in html, host

    cohasset = Site.objects.get(hostname="cohasset.localhost")
    assert (cohasset.site_name, cohasset.port) == ("Evoke Wellness at Cohasset", 8000)
    assert not cohasset.is_default_site
    served = {"HTTP_HOST": "cohasset.localhost:8000"}
    html = client.get("/", **served).content.decode()
    assert '<link rel="canonical" href="http://cohasset.localhost:8000/">' in html
    assert 'href="tel:+18669316429"' in html
    assert "tel:+18662761920" not in html
    assert "Cohasset, MA 02025" in html
    assert ServicePage.objects.descendant_of(cohasset.root_page).live().count() >= 2

    # Every demo article is also shown at Cohasset, with Cohasset's phone.
    waltham = Site.objects.get(is_default_site=True)
    waltham_index = ArticleIndexPage.objects.child_of(waltham.root_page).get()
    articles = ArticlePage.objects.child_of(waltham_index).live()
    assert articles.count() >= 7
    for article in articles:
        assert cohasset in article.also_shown_at.all(), article.slug
    seed = client.get("/articles/how-heroin-can-lead-to-depression/", **served)
    assert seed.status_code == 200
    assert 'href="tel:+18669316429"' in seed.content.decode()
