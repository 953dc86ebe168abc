"""The seed article in Spanish (/es/articulos/heroina-y-depresion/) and the
article index above it, translated from the English pages of articles.demo
(core.demo_translation).

The Spanish article does not carry the English article's medical review: it
is new text, reviewed on its own through the Medical review workflow.
"""

import json

from articles.demo import (
    CONTACT_PLACEHOLDER_URL,
    SEED_SLUG,
    bullet_list,
    find_page,
    heading,
    page_link,
    paragraphs,
    seed_body,
    text,
)
from articles.models import ArticleIndexPage, ArticlePage
from core.demo_translation import translate_page
from core.models import CenterSettings

LONG_TERM_EFFECTS = [
    "Estreñimiento crónico",
    "Enfermedades de los riñones",
    "Enfermedades del hígado",
    "Infecciones pulmonares",
    "Infecciones del corazón",
    "Venas colapsadas",
    "Deterioro de la sustancia blanca del cerebro",
    "Infecciones de la piel",
]

THERAPIES = [
    "Terapia cognitivo-conductual",
    "Terapia para el trauma",
    "Terapia de grupo",
    "Terapia conductual",
    "Terapias holísticas",
    "Terapia EMDR",
    "Terapia dialéctica conductual",
    "Terapias de atención plena (mindfulness)",
]

SEED_HEADINGS = [
    "¿Qué relación hay entre la heroína y la depresión?",
    "Los efectos a largo plazo de la heroína",
    "Cómo se tratan los trastornos concurrentes",
    "Llame a Evoke Wellness at Waltham para tratar la adicción a la heroína y la "
    "depresión",
]


def seed_body_es(contact_page, heroin_rehab_page):
    """The seed article's body in Spanish, block for block as articles.demo's
    `seed_body` (the same paragraphs, lists and links, in the same order)."""
    rehab = page_link(
        heroin_rehab_page, "rehabilitación para la adicción a la heroína en Waltham, MA"
    )
    contact = page_link(
        contact_page, "escribiéndonos en línea", CONTACT_PLACEHOLDER_URL
    )
    body = [
        text(
            paragraphs(
                "Mucha gente sabe que existe una relación entre la heroína y la "
                "depresión. No es raro que una persona use drogas para "
                "automedicarse un problema de salud mental que no ha sido "
                "diagnosticado ni tratado. Sin embargo, no todos saben que la "
                "heroína también puede provocar depresión.",
                "La heroína es un opioide potente y muy adictivo que afecta el "
                "cerebro de maneras que pueden contribuir a que se desarrolle una "
                f"depresión. Si busca {rehab}, llame hoy a Evoke Wellness at "
                "Waltham al [phone].",
            )
        ),
        heading(SEED_HEADINGS[0]),
        text(
            paragraphs(
                "Según el Instituto Nacional de la Salud Mental (NIMH), casi la "
                "mitad de las personas con un trastorno por consumo de sustancias "
                "también vive con un trastorno de salud mental, como la "
                "depresión. No siempre es posible saber qué vino primero: el "
                "consumo de drogas o la depresión. [1]",
                "El consumo indebido de heroína y de otros opiáceos puede causar "
                "cambios en la química del cerebro que llevan a la depresión. Pero "
                "en algunos casos, las personas recurren a las drogas para aliviar "
                "por su cuenta los síntomas de la depresión. Puede que no sepan que "
                "tienen un problema de salud mental, o que no cuenten con el apoyo "
                "que necesitan para sobrellevarlo.",
                "Es cierto que la heroína y otras sustancias pueden aliviar por un "
                "tiempo los síntomas de algunos trastornos de salud mental, pero a "
                "la larga el consumo de drogas ilícitas puede empeorarlos. Cuando "
                "pasa la euforia de la heroína y empiezan los síntomas de "
                "abstinencia, los sentimientos de depresión y de ansiedad pueden "
                "aumentar.",
                "Usar heroína para aliviar la depresión no es el único vínculo. El "
                "consumo de sustancias también puede causar cambios en el cerebro "
                "que aumentan el riesgo de que una persona desarrolle un trastorno "
                "de salud mental.",
            )
        ),
        heading(SEED_HEADINGS[1]),
        text(
            paragraphs(
                "El consumo prolongado de heroína altera el funcionamiento del "
                "cerebro, que llega a depender de la droga para producir dopamina "
                "y serotonina. Estos dos neurotransmisores cumplen un papel "
                "importante para mantener una buena salud mental.",
                "A medida que la adicción se agrava, el cerebro depende cada vez "
                "más de la heroína para producir estas sustancias químicas que nos "
                "hacen “sentir bien”. Regular el estado de ánimo se vuelve más "
                "difícil —si no imposible— sin consumir heroína.",
                "Además, los efectos físicos del consumo de heroína pueden hacer "
                "que el cuerpo produzca hormonas del estrés en exceso. El consumo "
                "crónico de heroína puede provocar:",
            )
            + bullet_list(LONG_TERM_EFFECTS)
            + paragraphs(
                "Un desequilibrio de las hormonas del estrés causado por la mala "
                "salud también puede llevar a la depresión. Los efectos a largo "
                "plazo de la heroína alcanzan también la vida social de la "
                "persona: la adicción puede llevar al aislamiento de los amigos y "
                "la familia, a la pérdida del empleo y a quedarse sin hogar.",
                "Por otra parte, las personas con un trastorno por consumo de "
                "sustancias pueden sufrir soledad, baja autoestima y la creencia "
                "de que las cosas nunca van a mejorar. Todo esto puede aumentar el "
                "riesgo de desarrollar depresión.",
            )
        ),
        heading(SEED_HEADINGS[2]),
        text(
            paragraphs(
                "Cuando una persona tiene un trastorno por consumo de sustancias y, "
                "además, un problema de salud mental, se habla de un diagnóstico "
                "dual o de trastornos concurrentes. Por ejemplo, vivir a la vez "
                "con un trastorno por consumo de heroína y con depresión se "
                "considera un diagnóstico dual.",
                "Tratar los trastornos concurrentes requiere un enfoque integrado "
                "que atienda tanto el consumo de sustancias como la salud mental. "
                "El tratamiento comienza con una evaluación completa de la salud. "
                "Los servicios de recuperación suelen incluir distintas terapias y "
                "técnicas, entre ellas:",
            )
            + bullet_list(THERAPIES)
            + paragraphs(
                "Cada persona llega a la recuperación con sus propias experiencias "
                "y desafíos. Un programa de tratamiento a la medida ofrece la mejor "
                "oportunidad de lograr una recuperación duradera. En el caso del "
                "trastorno por consumo de heroína con depresión, el tratamiento "
                "incluye el manejo adecuado de la depresión, con medicamentos si "
                "hacen falta.",
            )
        ),
        heading(SEED_HEADINGS[3]),
        text(
            paragraphs(
                "La adicción a la heroína y la depresión se pueden tratar con "
                "eficacia. Un buen programa de rehabilitación debe ofrecer "
                "tratamientos basados en la evidencia y una variedad de terapias "
                "eficaces para una recuperación a largo plazo. En Evoke Wellness at "
                "Waltham sabemos lo difícil que es enfrentar la adicción y la "
                "depresión al mismo tiempo. Hay quienes temen que los síntomas de "
                "la depresión empeoren si dejan la heroína. Nuestros programas de "
                "tratamiento están pensados para cuidar de la persona en su "
                "totalidad.",
                "Si usted o alguien a quien quiere necesita ayuda, comuníquese hoy "
                "con los compasivos especialistas en recuperación de Evoke Wellness "
                f"at Waltham llamando al [phone] o {contact}.",
            )
        ),
    ]
    # The sources as the English cites them, under a Spanish heading.
    sources = seed_body(contact_page, heroin_rehab_page)[-1]
    body.append({**sources, "value": {**sources["value"], "heading": "Fuentes"}})
    return body


def load(site, log):
    index = ArticleIndexPage.objects.child_of(site.root_page).first()
    seed = index and ArticlePage.objects.child_of(index).filter(slug=SEED_SLUG).first()
    if seed is None:
        return
    center = CenterSettings.for_site(site)
    translate_page(
        index,
        {
            "title": "Artículos",
            "slug": "articulos",
            "search_description": "Artículos sobre las adicciones, la salud mental "
            f"y el tratamiento, de {center.center_name}.",
            # Not "checked by our medical team", as the English says: a Spanish
            # article is reviewed on its own, and shows so only once it is.
            "intro": "<p>Artículos en lenguaje sencillo sobre las adicciones, la "
            "salud mental y la recuperación.</p>",
        },
        log,
    )
    contact_page = find_page(site, "contact")
    rehab_page = find_page(site, "heroin-rehab")
    translate_page(
        seed,
        {
            "title": "Cómo la heroína puede llevar a la depresión",
            "slug": "heroina-y-depresion",
            "summary": "La heroína cambia la química del cerebro de maneras que "
            "pueden llevar a la depresión. Conozca cómo se relacionan y cómo se "
            "tratan los trastornos concurrentes.",
            "body": json.dumps(seed_body_es(contact_page, rehab_page)),
        },
        log,
    )
