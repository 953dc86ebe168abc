"""The demo home page in Spanish (/es/), the root of the Spanish pages.

A translation of the default center's home page (core.demo_translation), so
it runs before the other Spanish loaders: their pages go under it.
"""

from django.utils.html import escape

from core.centers import place_of
from core.demo_translation import translate_page
from core.models import CenterSettings

# The English card headings of home.demo.FEATURED, in Spanish.
FEATURED_HEADINGS = {"Our center in Waltham": "Nuestro centro en Waltham"}


def spanish_home(center, home):
    place = place_of(center.address)
    en_place = f" en {place}" if place else ""
    name = center.center_name
    spanish = {
        # The center's name, as the header and every page's title show it.
        "title": home.title,
        "slug": "evoke-inicio",
        "seo_title": f"Tratamiento de adicciones y salud mental{en_place}",
        "search_description": f"{name} ofrece rehabilitación para la adicción a "
        "la heroína, tratamiento del diagnóstico dual y terapias basadas en la "
        "evidencia. Llame al 866.276.1920.",
        "hero_heading": "La recuperación empieza con una llamada",
        "hero_text": "Nuestro equipo de admisiones atiende de día y de noche. Le "
        "escuchamos, revisamos su seguro médico y le ayudamos a usted o a su ser "
        "querido a dar el siguiente paso.",
        "intro": f"<p>En {escape(name)} tratamos el consumo de sustancias y los "
        "trastornos de salud mental que lo acompañan con atención médica, "
        "terapias basadas en la evidencia y un equipo que trata a cada persona "
        "con dignidad.</p>",
    }
    cards = [dict(block.value) for block in home.featured]
    if any(card["heading"] for card in cards):
        spanish["featured"] = [
            (
                "featured_page",
                {**card, "heading": FEATURED_HEADINGS[card["heading"]]}
                if card["heading"]
                else card,
            )
            for card in cards
        ]
    return spanish


def load(site, log):
    home = site.root_page.specific
    center = CenterSettings.for_site(site)
    translate_page(home, spanish_home(center, home), log)
