"""Spanish pages under /es/: a Spanish-speaking family reads, switches
language, searches and writes in Spanish (core.languages)."""

import re

from django.core import mail
from django.db import connection

import pytest

from contact.models import Inquiry
from tests.contact.conftest import (  # noqa: F401
    add_contact_page,
    admissions_user,
    form_data,
)
from tests.core.conftest import translate

pytestmark = pytest.mark.django_db


def links(html, rel):
    return dict(
        re.findall(rf'<link rel="{rel}" hreflang="([^"]+)" href="([^"]+)"', html)
    )


def switcher(html):
    match = re.search(
        r'<a class="language-switch" href="([^"]+)"[^>]*>([^<]+)</a>', html
    )
    return match.groups() if match else None


def test_a_spanish_page_is_spanish_and_names_its_english_twin(
    client, article, spanish_article
):
    spanish = client.get("/es/articles/heroina-y-depresion/")
    assert spanish.status_code == 200
    html = spanish.content.decode()
    assert '<html lang="es"' in html
    assert "La heroína y la depresión" in html
    alternates = links(html, "alternate")
    assert alternates == {
        "en": "http://localhost/articles/heroin-and-depression/",
        "es": "http://localhost/es/articles/heroina-y-depresion/",
        "x-default": "http://localhost/articles/heroin-and-depression/",
    }
    assert '"inLanguage": "es"' in html

    english = client.get("/articles/heroin-and-depression/").content.decode()
    assert '<html lang="en"' in english
    assert links(english, "alternate") == alternates


def test_the_switcher_goes_to_the_same_page_in_the_other_language(
    client, article, spanish_article
):
    english = client.get("/articles/heroin-and-depression/").content.decode()
    assert switcher(english) == ("/es/articles/heroina-y-depresion/", "Español")
    assert 'lang="es"' in english.split('class="language-switch"')[1].split(">")[0]
    spanish = client.get("/es/articles/heroina-y-depresion/").content.decode()
    assert switcher(spanish) == ("/articles/heroin-and-depression/", "English")


def test_a_page_not_translated_yet_switches_to_the_spanish_home_with_a_notice(
    client, article, spanish_home
):
    english = client.get("/articles/heroin-and-depression/").content.decode()
    url, _name = switcher(english)
    assert url == "/es/?untranslated=1"
    home = client.get(url).content.decode()
    assert '<html lang="es"' in home
    assert 'class="notice notice--untranslated"' in home


def test_the_same_address_in_each_language_is_never_mixed_up(
    client, home_page, spanish_home
):
    # The route, the header and the menus are kept per language.
    for _ in range(2):
        english = client.get("/").content.decode()
        spanish = client.get("/es/").content.decode()
        assert (
            '<html lang="en"' in english
            and "Evoke Wellness en Waltham" not in (english.split("<main")[1])
        )
        assert '<html lang="es"' in spanish


def test_the_review_line_is_not_copied_to_an_unreviewed_translation(
    client, article, spanish_article
):
    assert article.medical_reviewer_id is not None
    assert spanish_article.medical_reviewer_id is None
    html = client.get("/es/articles/heroina-y-depresion/").content.decode()
    assert "Dana Reyes" not in html


def test_a_spanish_inquiry_is_stored_with_its_language(
    client,
    site,
    spanish_home,
    admissions_user,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    translate(add_contact_page(site.root_page), "Contáctenos", slug="contacto")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/es/contacto/", form_data(name="Lucía Gómez"))
    assert response.status_code == 302
    inquiry = Inquiry.objects.get(name="Lucía Gómez")
    assert inquiry.language == "es" and inquiry.prefers_spanish
    (message,) = mail.outbox
    assert "prefers Spanish" in message.subject


def test_the_sitemap_lists_both_languages_with_their_pairs(
    client, article, spanish_article
):
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://localhost/es/articles/heroina-y-depresion/</loc>" in xml
    assert (
        'hreflang="es" href="http://localhost/es/articles/heroina-y-depresion/"' in xml
    )
    assert 'hreflang="x-default"' in xml


def test_spanish_search_finds_only_spanish_pages(client, article, spanish_article):
    spanish = client.get("/es/search/", {"q": "heroína"}).content.decode()
    assert 'href="/es/articles/heroina-y-depresion/"' in spanish
    assert "/articles/heroin-and-depression/" not in spanish
    english = client.get("/search/", {"q": "heroin"}).content.decode()
    assert 'href="/articles/heroin-and-depression/"' in english
    assert "/es/" not in english.split("<main")[1].split("</main>")[0]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Spanish stemming is PostgreSQL's"
)
def test_spanish_search_stems_spanish_words_on_postgresql(
    client, article, spanish_article
):
    # "adicción" finds the page that says "adicciones".
    spanish_article.body = [("rich_text", "<p>Tratamos las adicciones.</p>")]
    spanish_article.save_revision().publish()
    html = client.get("/es/search/", {"q": "adicción"}).content.decode()
    assert 'href="/es/articles/heroina-y-depresion/"' in html


def test_a_spanish_message_about_an_emergency_is_urgent(
    client, site, spanish_home, django_capture_on_commit_callbacks
):
    translate(add_contact_page(site.root_page), "Contáctenos", slug="contacto")
    message = "Mi hijo tomó una sobredosis y no respira bien"
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/es/contacto/", form_data(name="Ana Ruiz", message=message))
    assert Inquiry.objects.get(name="Ana Ruiz").is_urgent


def test_a_spanish_not_found_page_is_spanish_and_leads_home_in_spanish(
    client, spanish_home
):
    response = client.get("/es/no-existe/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="es"' in html
    assert 'href="/es/"' in html


def test_a_spanish_page_has_its_breadcrumbs_from_the_spanish_home(
    client, spanish_article
):
    html = client.get("/es/articles/heroina-y-depresion/").content.decode()
    assert '<nav class="breadcrumbs"' in html
    trail = html.split('<nav class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/es/"' in trail and 'href="/es/articles/"' in trail
    assert '"@type": "BreadcrumbList"' in html
