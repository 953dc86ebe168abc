"""The demo location page in Spanish (/es/waltham/): a translation of the
default center's location page (core.demo_translation). The address stays as
the post office writes it."""

from django.utils.html import escape

from core.centers import place_of
from core.demo_translation import translate_page
from core.models import CenterSettings
from locations.models import LocationPage


def spanish_location(center, location):
    place = place_of(center.address)
    en_place = f" en {escape(place)}" if place else ""
    return {
        "title": location.title,
        "slug": location.slug,
        "search_description": f"Visite {center.center_name}: dirección, horario "
        "de admisiones y los programas que ofrecemos.",
        "address": location.address,
        "hours": "Admisiones: las 24 horas, los 7 días de la semana\n"
        "Visitas: se coordinan con su equipo de atención",
        "description": f"<p>Nuestro centro está{en_place}. Llame a admisiones "
        "antes de viajar y le ayudaremos a planificar su llegada.</p>",
    }


def load(site, log):
    location = LocationPage.objects.child_of(site.root_page).first()
    if location is not None:
        center = CenterSettings.for_site(site)
        translate_page(location, spanish_location(center, location), log)
