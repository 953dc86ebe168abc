"""Demo content for the services app: “Treatment programs” and its programs.

Also the programs index of a center added with `manage.py add_center`, with
the programs chosen from SERVICES. Idempotent: the index and each program are
looked up by slug before creating.
"""

import json

from core.centers import place_of
from core.demo import make_image
from core.models import CenterSettings
from services.models import LevelOfCare, ServiceIndexPage, ServicePage

ALL_LEVELS = [
    "detox",
    "residential",
    "partial-hospitalization",
    "intensive-outpatient",
    "outpatient",
]
THERAPY_LEVELS = ALL_LEVELS[1:]

# (slug, title, summary, paragraphs, level slugs, picture colours); a summary's
# {in_place} is “ in <the center's town>”, from its address in Center details.
SERVICES = [
    (
        "heroin-rehab",
        "Heroin rehab",
        "A heroin rehab program{in_place} that treats the whole person: "
        "medical care, therapy and planning for life after treatment.",
        [
            "Heroin is a powerful and highly addictive opioid. Stopping on your "
            "own can be frightening, and it is rarely safe to go through "
            "withdrawal without support.",
            "Our heroin rehab program begins with a medically supervised detox "
            "and continues with individual and group therapy, treatment for any "
            "co-occurring mental health conditions, and a plan for the months "
            "after you leave.",
        ],
        ALL_LEVELS,
        ((92, 120, 150), (20, 50, 70)),
    ),
    (
        "opioid-detox",
        "Opioid detox",
        "Medically supervised detox from heroin, fentanyl and prescription "
        "opioids, with round-the-clock care while withdrawal passes.",
        [
            "Opioid withdrawal is uncomfortable and can be discouraging. In detox "
            "our medical team watches over you day and night and helps manage "
            "symptoms so you can rest.",
            "Detox is a first step, not a whole treatment. Before it ends we help "
            "you move straight into the program that fits you.",
        ],
        ["detox"],
        ((120, 150, 170), (40, 70, 90)),
    ),
    (
        "dual-diagnosis-treatment",
        "Dual diagnosis treatment",
        "Integrated treatment for co-occurring disorders: substance use and a "
        "mental health condition such as depression or anxiety, together.",
        [
            "Many people living with a substance use disorder also live with a "
            "mental health condition. This is called a dual diagnosis, or "
            "co-occurring disorders.",
            "Treating one condition and not the other leaves people at risk. Our "
            "team addresses both at the same time, with therapy and psychiatric "
            "care working from one plan.",
        ],
        THERAPY_LEVELS,
        ((150, 130, 170), (60, 40, 90)),
    ),
    (
        "cognitive-behavioral-therapy",
        "Cognitive-behavioral therapy",
        "CBT helps you notice the thoughts behind cravings and difficult moods, "
        "and practise new ways of responding to them.",
        [
            "Cognitive-behavioral therapy (CBT) looks at how thoughts, feelings "
            "and actions affect one another.",
            "In sessions you learn to recognise patterns that lead to substance "
            "use and to practise skills you can take home.",
        ],
        THERAPY_LEVELS,
        ((110, 160, 140), (30, 80, 60)),
    ),
    (
        "trauma-therapy",
        "Trauma therapy",
        "Trauma-informed therapy for people whose substance use is tied to "
        "painful experiences, at a pace that feels safe.",
        [
            "Many people in treatment have lived through trauma. Our therapists "
            "work in a way that respects that history and never rushes it.",
            "Trauma therapy can help reduce the hold painful memories have, so "
            "they drive less of what you do.",
        ],
        THERAPY_LEVELS,
        ((170, 140, 120), (90, 60, 40)),
    ),
    (
        "group-therapy",
        "Group therapy",
        "Small groups led by a therapist, where people in recovery share what "
        "works and learn they are not alone.",
        [
            "In group therapy you meet others who understand what you are going "
            "through. Groups are led by a licensed therapist.",
            "Topics include relapse prevention, coping with stress, family and "
            "relationships, and building a life in recovery.",
        ],
        THERAPY_LEVELS,
        ((140, 170, 120), (60, 90, 40)),
    ),
    (
        "behavioral-therapy",
        "Behavioral therapy",
        "Evidence-based behavioral therapies that help change the habits and "
        "routines around substance use.",
        [
            "Behavioral therapies focus on what you do day to day: the routines, "
            "places and people connected to substance use.",
            "Together with your therapist you set small goals and build new "
            "routines that support recovery.",
        ],
        THERAPY_LEVELS,
        ((120, 140, 170), (40, 60, 90)),
    ),
    (
        "holistic-therapies",
        "Holistic therapies",
        "Yoga, mindful movement, nutrition and creative therapies that "
        "complement clinical treatment and care for the whole person.",
        [
            "Recovery involves body and mind. Holistic therapies give you new "
            "ways to relax, express yourself and look after your health.",
            "They are offered alongside, never instead of, medical care and "
            "evidence-based therapy.",
        ],
        THERAPY_LEVELS,
        ((170, 160, 110), (90, 80, 30)),
    ),
    (
        "emdr-therapy",
        "EMDR therapy",
        "Eye movement desensitization and reprocessing (EMDR), a structured "
        "therapy used to help people process traumatic memories.",
        [
            "EMDR therapy is a structured approach that many people use to work "
            "through traumatic memories.",
            "Your therapist explains each step first, and sessions go at a pace "
            "you agree on together.",
        ],
        ["residential", "partial-hospitalization", "intensive-outpatient"],
        ((150, 120, 150), (70, 40, 70)),
    ),
    (
        "dialectical-behavior-therapy",
        "Dialectical behavior therapy",
        "DBT teaches skills for handling strong emotions, tolerating distress "
        "and keeping relationships steady.",
        [
            "Dialectical behavior therapy (DBT) combines acceptance with change. "
            "It is built around practical skills.",
            "You learn mindfulness, distress tolerance, emotion regulation and "
            "ways of asking for what you need.",
        ],
        THERAPY_LEVELS,
        ((110, 150, 160), (30, 70, 80)),
    ),
    (
        "mindfulness-therapies",
        "Mindfulness therapies",
        "Mindfulness practices that help you notice cravings and stress without "
        "acting on them.",
        [
            "Mindfulness means paying attention to the present moment with "
            "curiosity rather than judgement.",
            "Short daily practices can help you pause between a craving and "
            "what you do next.",
        ],
        THERAPY_LEVELS,
        ((160, 150, 140), (80, 70, 60)),
    ),
]

HEROIN_REHAB_FAQ = {
    "heading": "Questions about heroin rehab",
    "questions": [
        {
            "question": "How long does heroin rehab take?",
            "answer": "<p>It depends on the person. Admissions talks it through "
            "with you and recommends a starting level of care.</p>",
        },
        {
            "question": "Will my insurance cover treatment?",
            "answer": "<p>Many plans cover treatment. Call [phone] and we will "
            "check your benefits for you, free and in confidence.</p>",
        },
    ],
}


CALL_TO_ACTION_TEXT = (
    "<p>Admissions answers day and night. Call [phone] to talk about treatment.</p>"
)


def body_for(paragraphs, slug, faq=HEROIN_REHAB_FAQ, call_text=CALL_TO_ACTION_TEXT):
    """A program's body; the wording is English unless given (services.demo_es)."""
    body = [("rich_text", "".join(f"<p>{text}</p>" for text in paragraphs))]
    if slug == "heroin-rehab":
        body.append(("faq", faq))
    body.append(
        (
            "call_to_action",
            # Every field, as the editor saves it: wagtail-localize cannot
            # read a missing text field (it takes it for None).
            {"text": call_text, "action": "call", "page": None, "button_label": ""},
        )
    )
    return body


def complete_call_to_action(page):
    """Give a program made before body_for wrote every field of its call to
    action the empty button label it lacks (the same default label), and
    publish it; False when it has one. Without it, translating the page fails."""
    body = [dict(block) for block in page.body.raw_data]
    lacking = [
        block
        for block in body
        if block["type"] == "call_to_action" and "button_label" not in block["value"]
    ]
    if not lacking:
        return False
    for block in lacking:
        block["value"] = {"page": None, "button_label": "", **block["value"]}
    page.body = json.dumps(body)
    page.save_revision().publish()
    return True


def load(site, log, programs=None):
    """The site's programs index and `programs` (slugs from SERVICES; every one
    by default) under it, each made once."""
    home = site.root_page
    center = CenterSettings.for_site(site)
    index = ServiceIndexPage.objects.child_of(home).first()
    if index is None:
        index = ServiceIndexPage(
            title="Treatment programs",
            slug="treatment-programs",
            search_description="Addiction and mental health treatment programs "
            f"at {center.center_name}: what each involves and how to start.",
            introduction="Every program is planned around the person in it. "
            "Admissions can help you find where to start.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
        log("Created “Treatment programs” at /treatment-programs/")

    place = place_of(center.address)
    levels = LevelOfCare.objects.in_bulk(field_name="slug")
    existing = set()
    for program in ServicePage.objects.child_of(index):
        existing.add(program.slug)
        if complete_call_to_action(program):
            log(f"Completed the call to action of “{program.title}”")
    for slug, title, summary, paragraphs, level_slugs, colours in SERVICES:
        if slug in existing or (programs is not None and slug not in programs):
            continue
        page = ServicePage(
            title=title,
            slug=slug,
            summary=summary.format(in_place=f" in {place}" if place else ""),
            hero_image=make_image(f"Rings for {title.lower()}", colours),
            body=body_for(paragraphs, slug),
        )
        page.levels_of_care.set([levels[s] for s in level_slugs if s in levels])
        index.add_child(instance=page)
        page.save_revision().publish()
        log(f"Created the program “{title}”")
