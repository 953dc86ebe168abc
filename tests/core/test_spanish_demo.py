"""The demo's Spanish pages: translations made with wagtail-localize from the
Spanish of each app's demo_es.py (core.demo_translation), served under /es/."""

import io
import json
import re

from django.core.management import call_command
from django.urls import reverse

from wagtail.models import Locale, Page, Site

import pytest
from wagtail_localize.models import Translation, TranslationSource

from core.demo_translation import SpanishTextMismatch, translate_page
from editorial.views import translations_out_of_date
from tests.contact.conftest import add_contact_page

pytestmark = pytest.mark.django_db

# Each Spanish demo page and its English twin.
TWINS = {
    "/es/": "/",
    "/es/contacto/": "/contact/",
    "/es/verificar-seguro/": "/verify-insurance/",
    "/es/programas-de-tratamiento/": "/treatment-programs/",
    "/es/programas-de-tratamiento/rehabilitacion-heroina/": (
        "/treatment-programs/heroin-rehab/"
    ),
    "/es/programas-de-tratamiento/desintoxicacion-de-opioides/": (
        "/treatment-programs/opioid-detox/"
    ),
    "/es/programas-de-tratamiento/diagnostico-dual/": (
        "/treatment-programs/dual-diagnosis-treatment/"
    ),
    "/es/waltham/": "/waltham/",
    "/es/sobre-nosotros/": "/about/",
    "/es/sobre-nosotros/empleo/": "/about/careers/",
    "/es/admision/": "/admissions/",
    "/es/seguro-medico/": "/insurance/",
    "/es/privacidad/": "/privacy-policy/",
    "/es/articulos/": "/articles/",
    "/es/articulos/heroina-y-depresion/": "/articles/how-heroin-can-lead-to-depression/",
}
SPANISH_ARTICLE = "/es/articulos/heroina-y-depresion/"


@pytest.fixture
def demo(db):
    call_command("load_demo_content", stdout=io.StringIO())


def alternates(html):
    return dict(
        re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html)
    )


def page_at(english_path):
    """The English demo page at a path of the default site."""
    home = Site.objects.get(is_default_site=True).root_page
    url_path = home.url_path + english_path.lstrip("/")
    return Page.objects.get(url_path=url_path).specific


def test_each_spanish_demo_page_is_spanish_and_names_its_english_twin(demo, client):
    for spanish, english in TWINS.items():
        response = client.get(spanish)
        assert response.status_code == 200, spanish
        html = response.content.decode()
        assert '<html lang="es"' in html, spanish
        assert alternates(html) == {
            "en": f"http://localhost{english}",
            "es": f"http://localhost{spanish}",
            "x-default": f"http://localhost{english}",
        }, spanish
        assert '<html lang="en"' in client.get(english).content.decode(), english


def test_the_spanish_article_has_no_review_line_and_links_in_spanish(demo, client):
    english = page_at(TWINS[SPANISH_ARTICLE])
    spanish = english.get_translation(Locale.objects.get(language_code="es"))
    assert english.reviewer is not None
    assert (spanish.medical_reviewer_id, spanish.last_reviewed) == (None, None)

    html = client.get(SPANISH_ARTICLE).content.decode()
    assert ">Cómo la heroína puede llevar a la depresión</h1>" in html
    assert english.reviewer.name not in html
    assert "lastReviewed" not in html
    main = html.split('<main id="main"')[1].split("</main>")[0]
    # The body's links lead to the Spanish contact page and program (full
    # addresses: the demo has two sites).
    assert 'href="http://localhost/es/contacto/"' in main
    assert (
        'href="http://localhost/es/programas-de-tratamiento/rehabilitacion-heroina/"'
        in main
    )
    # The English article still shows its own review.
    assert english.reviewer.name in client.get(TWINS[SPANISH_ARTICLE]).content.decode()


def test_the_spanish_demo_pages_are_wagtail_localize_translations(demo, admin_client):
    spanish_locale = Locale.objects.get(language_code="es")
    for spanish_path, english_path in TWINS.items():
        english = page_at(english_path)
        source = TranslationSource.objects.get_for_instance(english)
        translation = Translation.objects.get(
            source=source, target_locale=spanish_locale
        )
        # Open in the translation editor, every segment in Spanish.
        assert translation.enabled, spanish_path
        total, translated = translation.get_progress()
        assert total == translated > 0, spanish_path
        target = translation.get_target_instance()
        assert target.get_url_parts()[2] == spanish_path
        # Editing it opens wagtail-localize's translation editor.
        edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[target.pk]))
        assert 'class="js-translation-editor"' in edit.content.decode(), spanish_path
    # Made from the English as it ends up: none waits for an update.
    assert not translations_out_of_date().exists()
    # The review is no segment to translate nor a field kept in step.
    article = page_at(TWINS[SPANISH_ARTICLE])
    source = TranslationSource.objects.get_for_instance(article)
    assert json.loads(source.content_json)["medical_reviewer"] is not None
    paths = set(source.overridablesegment_set.values_list("context__path", flat=True))
    assert not paths & {"medical_reviewer", "last_reviewed", "review_due_override"}


def test_the_spanish_home_page_menus_lead_to_the_spanish_pages(demo, client):
    html = client.get("/es/").content.decode()
    menu = html.split('id="site-menu"')[1].split("</nav>")[0]
    for path in ["/es/programas-de-tratamiento/", "/es/articulos/", "/es/contacto/"]:
        assert f'href="{path}"' in menu, path
    assert ">Artículos</a>" in menu
    # The entries typed by hand, in the words given for the Spanish pages.
    assert '<a class="menu__link" href="/es/admision/">Admisiones</a>' in menu
    assert '<a class="menu__link" href="/es/waltham/">Nuestro centro</a>' in menu
    assert '<a class="menu__link" href="/es/sobre-nosotros/">Sobre nosotros</a>' in menu
    # Programs not translated yet stay English, marked so.
    for href, lang in re.findall(
        r'<a class="menu__[\w-]+" href="([^"]+)"( lang="en")?', menu
    ):
        assert bool(lang) == (not href.startswith("/es/")), href
    footer = html.split("<footer", 1)[1]
    assert 'href="/es/privacidad/">Política de privacidad</a>' in footer
    assert ' lang="en"' not in footer


def test_loading_the_demo_again_keeps_an_editors_spanish(demo):
    spanish = Page.objects.get(locale__language_code="es", slug="contacto").specific
    spanish.title = "Escríbanos"
    spanish.save_revision().publish()
    call_command("load_demo_content", stdout=io.StringIO())
    assert Page.objects.filter(locale__language_code="es", slug="contacto").count() == 1
    assert Page.objects.get(pk=spanish.pk).title == "Escríbanos"


def contact_in_spanish(**changes):
    spanish = {
        "title": "Contáctenos",
        "slug": "contacto",
        "intro": "<p>Díganos cómo comunicarnos con usted.</p>",
        "privacy_notice": "<p>Solo el equipo de admisiones lo lee.</p>",
    }
    return {**spanish, **changes}


def test_a_page_is_translated_segment_by_segment(site):
    english = add_contact_page(site.root_page)
    spanish = translate_page(english, contact_in_spanish(), log=lambda message: None)
    assert (spanish.title, spanish.slug, spanish.live) == (
        "Contáctenos",
        "contacto",
        True,
    )
    assert spanish.intro == "<p>Díganos cómo comunicarnos con usted.</p>"
    assert spanish.translation_key == english.translation_key


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"privacy_notice": None}, "no Spanish for privacy_notice"),
        ({"seo_title": "Contacto"}, "the English page leaves empty: seo_title"),
        (
            {"intro": "<p>Díganos cómo.</p><p>Y cuándo.</p>"},
            "other blocks, paragraphs or list items",
        ),
        (
            {"intro": '<p>Díganos <a href="https://example.com">cómo</a>.</p>'},
            "lack the links of their English ones",
        ),
    ],
)
def test_spanish_text_not_shaped_like_the_english_page_stops_the_loader(
    site, changes, message
):
    english = add_contact_page(site.root_page)
    spanish = {
        name: value
        for name, value in contact_in_spanish(**changes).items()
        if value is not None
    }
    with pytest.raises(SpanishTextMismatch, match=message):
        translate_page(english, spanish, log=lambda message: None)
    assert not english.has_translation(Locale.objects.get(language_code="es"))
