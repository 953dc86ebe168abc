"""The demo insurance verification page in Spanish (/es/verificar-seguro/): a
translation of the default center's (core.demo_translation). The insurers'
names are the same in both languages."""

from core.demo_translation import translate_page
from core.models import CenterSettings
from insurance.models import VerifyInsurancePage


def spanish_verify_page(center):
    return {
        "title": "Verifique su seguro",
        "slug": "verificar-seguro",
        "seo_title": "Revise la cobertura de su seguro para el tratamiento",
        "search_description": "Averigüe en tres pasos cortos si su seguro médico "
        "cubre el tratamiento de adicciones y salud mental en "
        f"{center.center_name}. Es gratis y confidencial.",
        "intro": "<p>Díganos qué seguro tiene y nuestro equipo de admisiones "
        "revisará sus beneficios por usted: sin costo, de forma confidencial y "
        "sin compromiso. Toma unos tres minutos, y por lo general le llamamos en "
        "menos de una hora durante el día.</p>",
        "privacy_notice": "<p>Solo nuestro equipo de admisiones puede ver lo que "
        "nos envía, y únicamente para revisar su cobertura y comunicarse con "
        "usted al respecto. Su número de miembro, su fecha de nacimiento y las "
        "fotos de su tarjeta se guardan cifrados. Eliminamos las fotos de la "
        "tarjeta a los 30 días, y el resto, junto con su consulta, a los dos "
        "años. Nunca los compartimos con fines publicitarios.</p>",
    }


def load(site, log):
    page = VerifyInsurancePage.objects.child_of(site.root_page).first()
    if page is not None:
        center = CenterSettings.for_site(site)
        translate_page(page, spanish_verify_page(center), log)
