"""The demo's standard pages in Spanish (/es/sobre-nosotros/, /es/privacidad/ …):
translations of standard_pages.demo's pages (core.demo_translation), each
written in the shape of its English page."""

from core.demo_translation import translate_page
from standard_pages.demo import PAGES
from standard_pages.models import StandardPage

ADMISSIONS_STEPS = {
    "heading": "Cómo es el proceso de admisión",
    "steps": [
        {
            "title": "Llame a admisiones",
            "text": "<p>Llame al [phone] a cualquier hora. Una persona de nuestro "
            "equipo le escucha y le hace algunas preguntas sobre lo que está "
            "pasando.</p>",
        },
        {
            "title": "Revisamos su seguro",
            "text": "<p>Verificamos sus beneficios por usted, sin costo y con "
            "total confidencialidad, y le explicamos cualquier gasto antes de "
            "que decida.</p>",
        },
        {
            "title": "Planifique su llegada",
            "text": "<p>Acordamos una fecha, le explicamos qué traer y podemos "
            "ayudarle con el viaje a Waltham.</p>",
        },
        {
            "title": "Su primer día",
            "text": "<p>Un profesional clínico le recibe, hace una evaluación y "
            "empieza con usted su plan de tratamiento.</p>",
        },
    ],
}

INSURERS = {
    "heading": "Seguros que aceptamos",
    "note": "<p>La cobertura depende de su plan. ¿No ve el suyo? Llame al [phone] "
    "y revisaremos sus beneficios.</p>",
}
VERIFY_INSURANCE = {
    "heading": "Averigüe qué cubre su plan",
    "text": "Denos los datos de su seguro en tres pasos cortos y admisiones "
    "revisará sus beneficios por usted, sin costo y con total confidencialidad.",
    "button_label": "Verifique su seguro",
}

# English slug: (Spanish slug, title, introduction, body).
SPANISH = {
    "about": (
        "sobre-nosotros",
        "Sobre nosotros",
        "Evoke Wellness at Waltham trata la adicción y los trastornos de salud "
        "mental que la acompañan con atención médica, terapias basadas en la "
        "evidencia y respeto.",
        [
            (
                "rich_text",
                "<p>Nuestro equipo reúne a médicos, personal de enfermería, "
                "terapeutas y coordinadores de casos que trabajan juntos en un "
                "solo plan para cada persona.</p>"
                "<p>Creemos que la recuperación es posible para todos y que el "
                "tratamiento debe cuidar a la persona en su totalidad.</p>",
            )
        ],
    ),
    "careers": (
        "empleo",
        "Empleo",
        "Ayude a otras personas a construir las bases de una recuperación duradera.",
        [
            (
                "rich_text",
                "<p>Con frecuencia buscamos personal de enfermería, terapeutas y "
                "personal de apoyo que compartan nuestros valores. Para "
                "preguntar por los puestos disponibles, use la página de "
                "contacto y mencione que busca empleo.</p>",
            )
        ],
    ),
    "admissions": (
        "admision",
        "El proceso de admisión",
        "Empezar un tratamiento puede parecer mucho. Admisiones lo acompaña paso "
        "a paso.",
        [("steps", ADMISSIONS_STEPS)],
    ),
    "insurance": (
        "seguro-medico",
        "Seguro médico",
        "Muchos planes de seguro cubren el tratamiento de adicciones y de salud "
        "mental.",
        [("insurers", INSURERS), ("verify_insurance", VERIFY_INSURANCE)],
    ),
    "privacy-policy": (
        "privacidad",
        "Política de privacidad",
        "Cómo este sitio web y nuestro equipo de admisiones cuidan su información.",
        [
            (
                "rich_text",
                "<p>Este sitio web no usa rastreadores publicitarios y no carga "
                "nada de otros sitios web.</p><p>Lo que envía mediante el "
                "formulario de contacto solo lo lee nuestro equipo de admisiones; "
                "se usa únicamente para comunicarnos con usted sobre el "
                "tratamiento y se elimina después de dos años.</p>"
                "<p>Si tiene preguntas sobre su información, llame al "
                "[phone].</p>",
            )
        ],
    ),
}


def load(site, log):
    home = site.root_page
    pages = {}
    # In the English order: a page's parent is translated before the page.
    for parent_slug, slug, *_english in PAGES:
        parent = pages[parent_slug] if parent_slug else home
        page = StandardPage.objects.child_of(parent).filter(slug=slug).first()
        if page is None:
            continue
        pages[slug] = page
        spanish_slug, title, introduction, body = SPANISH[slug]
        translate_page(
            page,
            {
                "title": title,
                "slug": spanish_slug,
                "introduction": introduction,
                "body": body,
            },
            log,
        )
