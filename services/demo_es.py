"""The demo's programs in Spanish (/es/programas-de-tratamiento/…): the
programs index and three programs of the default center, translated from the
English pages of services.demo (core.demo_translation)."""

from core.centers import place_of
from core.demo_translation import translate_page
from core.models import CenterSettings
from services.demo import body_for
from services.models import ServiceIndexPage, ServicePage

# English slug: (Spanish slug, title, summary, paragraphs); a summary's
# {en_lugar} is “ en <the center's town>”, as services.demo's {in_place}.
PROGRAMS = {
    "heroin-rehab": (
        "rehabilitacion-heroina",
        "Rehabilitación para la adicción a la heroína",
        "Un programa de rehabilitación para la adicción a la heroína{en_lugar} "
        "que atiende a la persona en su totalidad: atención médica, terapia y un "
        "plan para la vida después del tratamiento.",
        [
            "La heroína es un opioide potente y muy adictivo. Dejarla por su "
            "cuenta puede dar miedo, y pasar por la abstinencia sin apoyo rara "
            "vez es seguro.",
            "Nuestro programa comienza con una desintoxicación bajo supervisión "
            "médica y continúa con terapia individual y de grupo, tratamiento "
            "para cualquier trastorno de salud mental que se presente al mismo "
            "tiempo y un plan para los meses después de su salida.",
        ],
    ),
    "opioid-detox": (
        "desintoxicacion-de-opioides",
        "Desintoxicación de opioides",
        "Desintoxicación bajo supervisión médica de la heroína, el fentanilo y "
        "los opioides recetados, con atención las 24 horas mientras pasa la "
        "abstinencia.",
        [
            "La abstinencia de opioides es incómoda y puede desanimar a "
            "cualquiera. Durante la desintoxicación, nuestro equipo médico le "
            "acompaña de día y de noche y le ayuda a controlar los síntomas para "
            "que pueda descansar.",
            "La desintoxicación es un primer paso, no el tratamiento completo. "
            "Antes de que termine, le ayudamos a pasar directamente al programa "
            "que mejor le convenga.",
        ],
    ),
    "dual-diagnosis-treatment": (
        "diagnostico-dual",
        "Tratamiento del diagnóstico dual",
        "Tratamiento integrado para trastornos concurrentes: el consumo de "
        "sustancias y un trastorno de salud mental, como la depresión o la "
        "ansiedad, atendidos a la vez.",
        [
            "Muchas personas que viven con un trastorno por consumo de sustancias "
            "también viven con un trastorno de salud mental. Esto se conoce como "
            "diagnóstico dual o trastornos concurrentes.",
            "Tratar una afección y no la otra deja a la persona en riesgo. "
            "Nuestro equipo atiende ambas al mismo tiempo, con terapia y atención "
            "psiquiátrica que siguen un mismo plan.",
        ],
    ),
}

HEROIN_REHAB_FAQ = {
    "heading": "Preguntas sobre la rehabilitación para la adicción a la heroína",
    "questions": [
        {
            "question": "¿Cuánto dura la rehabilitación?",
            "answer": "<p>Depende de cada persona. El equipo de admisiones lo "
            "conversa con usted y le recomienda un nivel de atención para "
            "empezar.</p>",
        },
        {
            "question": "¿Mi seguro cubre el tratamiento?",
            "answer": "<p>Muchos planes cubren el tratamiento. Llame al [phone] y "
            "revisaremos sus beneficios por usted, sin costo y con total "
            "confidencialidad.</p>",
        },
    ],
}
CALL_TO_ACTION_TEXT = (
    "<p>Admisiones atiende de día y de noche. Llame al [phone] para hablar sobre "
    "el tratamiento.</p>"
)


def load(site, log):
    index = ServiceIndexPage.objects.child_of(site.root_page).first()
    if index is None:
        return
    center = CenterSettings.for_site(site)
    translate_page(
        index,
        {
            "title": "Programas de tratamiento",
            "slug": "programas-de-tratamiento",
            "search_description": "Programas de tratamiento de adicciones y salud "
            f"mental en {center.center_name}: en qué consiste cada uno y cómo "
            "empezar.",
            "introduction": "Cada programa se planifica en torno a la persona. "
            "Nuestro equipo de admisiones puede ayudarle a saber por dónde "
            "empezar.",
        },
        log,
    )
    place = place_of(center.address)
    programs = ServicePage.objects.child_of(index).filter(slug__in=PROGRAMS)
    for program in programs:
        slug, title, summary, paragraphs = PROGRAMS[program.slug]
        spanish = {
            "title": title,
            "slug": slug,
            "summary": summary.format(en_lugar=f" en {place}" if place else ""),
            "body": body_for(
                paragraphs,
                program.slug,
                faq=HEROIN_REHAB_FAQ,
                call_text=CALL_TO_ACTION_TEXT,
            ),
        }
        translate_page(program, spanish, log)
