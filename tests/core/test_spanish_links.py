"""What a Spanish page links to reads in Spanish: the home page's cards, a
location's programs, the menus, citations; and what is still English says so
with `lang="en"`, so a screen reader reads it in English."""

import re

from wagtail.models import Site

import pytest

from tests.core.conftest import translate
from tests.navigation.factories import link, make_page, section, set_menu
from tests.pages import make_location, make_service, make_service_index

pytestmark = pytest.mark.django_db


def cards(html):
    return re.findall(
        r'<article class="card">\s*<h3 class="card__title"><a href="([^"]+)"([^>]*)>'
        r"([^<]+)</a></h3>\s*(?:<p class=\"card__text\"([^>]*)>([^<]*)</p>)?",
        html,
    )


def test_the_spanish_home_cards_lead_to_spanish_pages_described_in_spanish(
    client, home_page, spanish_home, article, spanish_article
):
    untranslated = make_page(home_page, "About us", slug="about")
    featured = [
        ("featured_page", {"page": article, "heading": "", "text": ""}),
        ("featured_page", {"page": untranslated, "heading": "", "text": ""}),
    ]
    home_page.featured = featured
    home_page.save_revision().publish()
    spanish_home.featured = featured
    spanish_home.save_revision().publish()

    shown = cards(client.get("/es/").content.decode())
    assert shown == [
        (
            "/es/articles/heroina-y-depresion/",
            "",
            "La heroína y la depresión",
            "",
            "Cómo la heroína y la depresión se alimentan entre sí.",
        ),
        # No Spanish page yet: the English one, marked as English.
        (
            "/about/",
            ' lang="en" hreflang="en"',
            "About us",
            ' lang="en"',
            "All about about us.",
        ),
    ]
    english = cards(client.get("/").content.decode())
    assert english[0][:3] == (
        "/articles/heroin-and-depression/",
        "",
        "Heroin and depression",
    )
    assert english[0][4] == "How heroin and depression feed each other."


def test_the_spanish_home_cards_cost_the_same_queries_for_few_or_many(
    client, home_page, spanish_home, django_assert_max_num_queries, committed
):
    pages = [
        make_page(home_page, f"Program {n}", slug=f"program-{n}") for n in range(6)
    ]
    for page in pages:
        translate(page, f"Programa {page.title[-1]}", slug=f"programa-{page.slug[-1]}")

    def first_view_after_showing(count):
        """The Spanish home page's first view once it shows `count` cards."""
        spanish_home.featured = [
            ("featured_page", {"page": page, "heading": "", "text": ""})
            for page in pages[:count]
        ]
        with committed():
            spanish_home.save_revision().publish()
        with django_assert_max_num_queries(60) as queries:
            html = client.get("/es/").content.decode()
        assert len(cards(html)) == count
        return len(queries)

    first_view_after_showing(1)  # what any first view reads (locales, settings)
    assert first_view_after_showing(6) <= first_view_after_showing(1)


def test_a_spanish_location_lists_its_programs_in_spanish(
    client, home_page, spanish_home
):
    index = make_service_index(home_page)
    rehab = make_service(index, "Heroin rehab")
    detox = make_service(index, "Opioid detox")
    location = make_location(home_page, services=[rehab, detox])
    translate(
        rehab, "Rehabilitación para la adicción a la heroína", slug="rehabilitacion"
    )
    translate(location, location.title, hours="Admisiones: las 24 horas")

    html = client.get(f"/es/{location.slug}/").content.decode()
    programs = html.split('id="services-heading"', 1)[1].split("</ul>", 1)[0]
    assert (
        '<a href="/es/treatment-programs/rehabilitacion/">'
        "Rehabilitación para la adicción a la heroína</a>"
    ) in programs
    assert (
        '<a href="/treatment-programs/opioid-detox/" lang="en" hreflang="en">'
        "Opioid detox</a>"
    ) in programs
    english = client.get(f"/{location.slug}/").content.decode()
    assert '<a href="/treatment-programs/heroin-rehab/">Heroin rehab</a>' in english


def test_the_menus_take_the_words_editors_gave_for_the_spanish_pages(
    client, home_page, spanish_home
):
    site = Site.objects.get(is_default_site=True)
    admissions = make_page(home_page, "Admissions process", slug="admissions")
    careers = make_page(home_page, "Careers", slug="careers")
    translate(admissions, "El proceso de admisión", slug="admision")
    set_menu(
        site,
        [
            section(admissions, text="Admissions") | {"link_text_es": "Admisiones"},
            section(careers, text="Work with us"),
            section(url="https://findtreatment.gov/", text="Find treatment")
            | {"link_text_es": "Buscar tratamiento"},
            section(url="https://988lifeline.org/", text="988 Lifeline"),
        ],
        footer=[link(admissions)],
    )
    html = client.get("/es/").content.decode()
    menu = re.search(r'<nav class="menu".*?</nav>', html, re.S).group(0)
    assert '<a class="menu__link" href="/es/admision/">Admisiones</a>' in menu
    assert '<a class="menu__link" href="/careers/" lang="en">Work with us</a>' in menu
    assert (
        '<a class="menu__link" href="https://findtreatment.gov/">Buscar tratamiento</a>'
        in menu
    )
    assert (
        '<a class="menu__link" href="https://988lifeline.org/" lang="en">988 Lifeline</a>'
        in menu
    )
    # A link without Spanish words of its own: the Spanish page's title.
    footer = html.split("<footer", 1)[1]
    assert '<a href="/es/admision/">El proceso de admisión</a>' in footer

    english = client.get("/").content.decode()
    english_menu = re.search(r'<nav class="menu".*?</nav>', english, re.S).group(0)
    assert '<a class="menu__link" href="/admissions/">Admissions</a>' in english_menu
    assert "Buscar tratamiento" not in english_menu
    assert ' lang="en"' not in english_menu


def test_a_spanish_article_names_its_citations_in_spanish(
    client, spanish_article, committed
):
    spanish_article.body = [
        ("rich_text", "<p>La mitad tiene ambos trastornos [1].</p>"),
        (
            "sources",
            {
                "heading": "Fuentes",
                "sources": [{"title": "TIP 42", "publisher": "SAMHSA", "url": ""}],
            },
        ),
    ]
    with committed():
        spanish_article.save_revision().publish()
    html = client.get("/es/articles/heroina-y-depresion/").content.decode()
    assert '<span class="visually-hidden">Fuente </span>[1]</a></sup>' in html


def test_an_unknown_address_is_refused_in_the_visitors_language(client, site):
    english = client.get("/", headers={"host": "nowhere.localhost"})
    spanish = client.get("/es/", headers={"host": "nowhere.localhost"})
    assert english.status_code == spanish.status_code == 400
    assert english.content.decode() == (
        "This address is not one of our centers’ websites."
    )
    assert spanish.content.decode() == (
        "Esta dirección no corresponde al sitio web de ninguno de nuestros centros."
    )
    assert spanish.headers["Content-Language"] == "es"


def test_categories_and_levels_of_care_are_named_in_spanish(
    client, home_page, spanish_home, article_index, committed
):
    from articles.models import ArticleCategory
    from services.models import LevelOfCare
    from tests.articles.conftest import make_article

    substances = ArticleCategory.objects.create(
        name="Substances", name_es="Sustancias", slug="substances"
    )
    heroin = ArticleCategory.objects.create(
        name="Heroin",
        name_es="Heroína",
        slug="heroin",
        parent=substances,
        description="Articles about heroin.",
        description_es="Artículos sobre la heroína.",
    )
    untranslated = ArticleCategory.objects.create(name="Recovery", slug="recovery")
    with committed():
        english = make_article(
            article_index, slug="heroin", categories=[heroin, untranslated]
        )
        translate(english, "La heroína", slug="la-heroina")
    html = client.get("/es/articles/la-heroina/").content.decode()
    categories = html.split('class="article__categories"', 1)[1].split("</p>", 1)[0]
    assert ">Sustancias › Heroína</a>" in categories
    assert ">Recovery</a>" in categories  # no Spanish name given yet
    listing = client.get("/es/articles/category/heroin/").content.decode()
    assert "<h1>Sustancias › Heroína</h1>" not in listing  # h1: the name alone
    assert "<h1>Heroína</h1>" in listing
    assert "<p>Artículos sobre la heroína.</p>" in listing
    english_article = client.get("/articles/heroin/").content.decode()
    assert ">Substances › Heroin</a>" in english_article

    # The five levels of care come named in Spanish (services migration 0009).
    detox = LevelOfCare.objects.get(slug="detox")
    index = make_service_index(home_page)
    with committed():
        program = make_service(index, "Opioid detox", levels=[detox])
        translate(program, "Desintoxicación de opioides", slug="desintoxicacion")
    spanish = client.get("/es/treatment-programs/desintoxicacion/").content.decode()
    assert "<li>Desintoxicación médica</li>" in spanish
    english = client.get("/treatment-programs/opioid-detox/").content.decode()
    assert "<li>Medical detox</li>" in english
