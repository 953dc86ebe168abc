"""The demo contact page in Spanish (/es/contacto/): a translation of the
default center's contact page (core.demo_translation)."""

from contact.models import ContactPage
from core.demo_translation import translate_page
from core.models import CenterSettings


def spanish_contact_page(center):
    return {
        "title": "Contáctenos",
        "slug": "contacto",
        "seo_title": f"Comuníquese con admisiones de {center.center_name}",
        "search_description": "Pregunte por el tratamiento para usted o para un "
        "ser querido. Nuestro equipo de admisiones le responde pronto y con total "
        "confidencialidad.",
        "intro": "<p>Cuéntenos un poco lo que está pasando y cómo podemos "
        "comunicarnos con usted. Una persona de nuestro equipo de admisiones le "
        "responderá, por lo general en menos de una hora durante el día. No hace "
        "falta que lo tenga todo resuelto.</p>",
        "privacy_notice": "<p>Solo nuestro equipo de admisiones puede leer lo que "
        "nos envía. Lo usamos únicamente para comunicarnos con usted sobre el "
        "tratamiento: nada de publicidad y no lo compartimos con nadie. Guardamos "
        "las consultas durante dos años y después las eliminamos.</p>",
        "thank_you_text": "<p>Muy pronto una persona de nuestro equipo de "
        "admisiones se comunicará con usted de la manera que nos indicó. Le "
        "escuchará, responderá sus preguntas y, si lo desea, revisará su seguro "
        "médico. Todo lo que nos contó es confidencial.</p>",
    }


def load(site, log):
    page = ContactPage.objects.child_of(site.root_page).first()
    if page is not None:
        center = CenterSettings.for_site(site)
        translate_page(page, spanish_contact_page(center), log)
