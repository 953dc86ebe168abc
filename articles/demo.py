"""Demo content for the articles app: the article index, categories, people and
the seed article "How Heroin Can Lead to Depression" with six shorter articles.

Idempotent: everything is looked up by slug (or name) before it is created.
"""

import datetime
import json

from django.utils import timezone
from django.utils.html import escape

from wagtail.models import Page

from articles.models import ArticleCategory, ArticleIndexPage, ArticlePage
from core.demo import make_image
from core.models import CenterSettings
from editorial.models import record_review
from people.models import Person

SEED_SLUG = "how-heroin-can-lead-to-depression"
SEED_ALT_TEXT = (
    "an upset man with a hoodie leans against a wall and thinks about the "
    "connection between heroin and depression"
)
# Where "contacting us online" points until a contact page exists.
CONTACT_PLACEHOLDER_URL = "/contact/"

CATEGORIES = [
    # (name, its Spanish, slug, parent slug)
    ("Substances", "Sustancias", "substances", None),
    ("Heroin", "Heroína", "heroin", "substances"),
    ("Alcohol", "Alcohol", "alcohol", "substances"),
    ("Mental health", "Salud mental", "mental-health", None),
    ("Depression", "Depresión", "depression", "mental-health"),
    ("Anxiety", "Ansiedad", "anxiety", "mental-health"),
    ("Treatment", "Tratamiento", "treatment", None),
]

LONG_TERM_EFFECTS = [
    "Chronic constipation",
    "Kidney disease",
    "Liver disease",
    "Pulmonary infections",
    "Heart infections",
    "Collapsed veins",
    "Deterioration of the brain’s white matter",
    "Skin infections",
]

THERAPIES = [
    "Cognitive-behavioral therapy",
    "Trauma therapy",
    "Group therapy",
    "Behavioral therapy",
    "Holistic therapies",
    "EMDR therapy",
    "Dialectical behavior therapy",
    "Mindfulness therapies",
]

SEED_HEADINGS = [
    "How Are Heroin and Depression Connected?",
    "The Long-Term Effects of Heroin",
    "Treating Co-Occurring Conditions",
    "Call Evoke Wellness at Waltham for Heroin and Depression Treatment",
]


def paragraphs(*texts):
    return "".join(f"<p>{text}</p>" for text in texts)


def bullet_list(items):
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def page_link(page, text, fallback_url=None):
    """A rich-text link to a page, a plain link to a fallback, or just the text."""
    if page is not None:
        return f'<a linktype="page" id="{page.pk}">{text}</a>'
    if fallback_url:
        return f'<a href="{fallback_url}">{text}</a>'
    return text


def heading(text):
    return {"type": "heading", "value": {"text": text, "level": "h2", "anchor": ""}}


def text(html):
    return {"type": "rich_text", "value": html}


def seed_body(contact_page, heroin_rehab_page):
    """Every heading, paragraph and list of the seed page, in order."""
    rehab = page_link(heroin_rehab_page, "heroin rehab in Waltham, MA")
    contact = page_link(contact_page, "contacting us online", CONTACT_PLACEHOLDER_URL)
    return [
        text(
            paragraphs(
                "Many people are aware that there are connections between heroin and "
                "depression. Using drugs to self-medicate undiagnosed or untreated "
                "mental health concerns is not uncommon. That said, not everyone "
                "understands that heroin can lead to depression.",
                "Heroin is a powerful and highly addictive opioid that affects the "
                "brain in ways that can contribute to the development of depression. "
                f"If you are looking for a {rehab}, call Evoke Wellness at Waltham "
                "today at [phone].",
            )
        ),
        heading(SEED_HEADINGS[0]),
        text(
            paragraphs(
                "Information from the National Institute of Mental Health confirms "
                "that nearly half of all people with a substance use disorder are also "
                "living with a mental health condition like depression. It is not "
                "always possible to know which came first, drug misuse or depression. "
                "[1]",
                "The misuse of heroin and other opiates can cause changes in brain "
                "chemistry that lead to depression. However, in some cases, people turn "
                "to drugs to self-treat depression symptoms. They may not know they "
                "have a mental health concern, or they may not have the support needed "
                "to manage it.",
                "While it’s true that heroin and other substances can temporarily "
                "relieve the symptoms of some mental health conditions, using illicit "
                "drugs can make symptoms worse in the long run. After the euphoria of "
                "heroin wears off and withdrawal symptoms begin, feelings of depression "
                "and anxiety may increase.",
                "Using heroin to alleviate depression is not the only link. Substance "
                "misuse can also cause brain changes that increase an individual’s risk "
                "of developing a mental health condition.",
            )
        ),
        heading(SEED_HEADINGS[1]),
        text(
            paragraphs(
                "Long-term heroin use affects brain function, causing it to rely on the "
                "drug to produce dopamine and serotonin. Both these neurotransmitters "
                "play an important role in maintaining good mental health.",
                "As addiction becomes more severe, the brain becomes more dependent on "
                "heroin to create these “feel-good” chemicals. Mood regulation becomes "
                "more difficult—if not impossible—without using heroin.",
                "In addition, the physical side effects of heroin use can cause the "
                "body to overproduce stress hormones. Chronic heroin use can lead to:",
            )
            + bullet_list(LONG_TERM_EFFECTS)
            + paragraphs(
                "An imbalance in stress hormones caused by poor health can also lead to "
                "depression. The long-term effects of heroin extend to an individual’s "
                "social standing as well. Addiction can lead to isolation from friends "
                "and family, job loss, and homelessness.",
                "Furthermore, people with substance use disorder may suffer from "
                "loneliness, poor self-esteem, and the belief that things will never "
                "get better. These influences can add to the risk of developing "
                "depression.",
            )
        ),
        heading(SEED_HEADINGS[2]),
        text(
            paragraphs(
                "When an individual has a substance use disorder and an additional "
                "mental health concern, it’s referred to as a dual diagnosis or as "
                "having co-occurring conditions. For example, living with both a heroin "
                "use disorder and depression would be viewed as a dual diagnosis.",
                "Treating co-occurring conditions requires an integrated approach to "
                "treatment that addresses both substance use and mental health. "
                "Treatment begins with a complete health assessment. Recovery services "
                "typically involve a variety of therapies and techniques, including:",
            )
            + bullet_list(THERAPIES)
            + paragraphs(
                "Every individual comes to recovery with their own unique experiences "
                "and challenges. Creating a customized treatment program provides the "
                "best chance for lasting recovery. In the case of heroin use disorder "
                "and depression, treatment would include the appropriate management of "
                "depression, including medications if needed.",
            )
        ),
        heading(SEED_HEADINGS[3]),
        text(
            paragraphs(
                "Heroin and depression can be effectively treated. A qualified rehab "
                "program should offer both evidence-based treatments and a variety of "
                "effective therapies for long-term recovery. At Evoke Wellness at "
                "Waltham, we understand that coping with addiction and depression at "
                "the same time is highly challenging. Individuals may fear that "
                "depression symptoms will worsen if they stop using heroin. Our "
                "treatment programs are designed to care for the whole person.",
                "If you or someone you care about needs help, contact the compassionate "
                "recovery experts at Evoke Wellness at Waltham today by calling [phone] "
                f"or {contact}.",
            )
        ),
        {
            "type": "sources",
            "value": {
                "heading": "Sources",
                "sources": [
                    {
                        "title": "Substance Use and Co-Occurring Mental Disorders",
                        "publisher": "National Institute of Mental Health",
                        "url": "https://www.nimh.nih.gov/health/topics/"
                        "substance-use-and-mental-health",
                        "accessed": "2026-11-20",
                    }
                ],
            },
        },
    ]


def short_articles():
    """Six shorter articles so lists, filters, pages and related links show."""
    crisis_callout = {
        "type": "callout",
        "value": {
            "tone": "crisis",
            "heading": "If you are in crisis",
            "text": "<p>You do not have to wait for an appointment.</p>",
            "show_crisis_lines": True,
        },
    }
    call_to_action = {
        "type": "call_to_action",
        "value": {
            "text": "<p>Admissions answers day and night, in confidence.</p>",
            "action": "call",
            "page": None,
            "button_label": "",
        },
    }
    return [
        {
            "title": "What Is a Dual Diagnosis?",
            "slug": "what-is-a-dual-diagnosis",
            "summary": "When a substance use disorder and a mental health condition "
            "occur together, treating both at once gives the best chance of recovery.",
            "categories": ["depression", "treatment"],
            "tags": ["dual diagnosis"],
            "colours": ((120, 150, 190), (40, 60, 90)),
            "body": [
                text(
                    paragraphs(
                        "A dual diagnosis means living with a substance use disorder "
                        "and a mental health condition such as depression or anxiety "
                        "at the same time.",
                        "Each condition can make the other worse, which is why "
                        "integrated treatment looks after both together.",
                    )
                ),
                {
                    "type": "faq",
                    "value": {
                        "heading": "Questions about dual diagnosis",
                        "questions": [
                            {
                                "question": "Which condition is treated first?",
                                "answer": "<p>Both are treated together, by one team "
                                "that shares one plan.</p>",
                            },
                            {
                                "question": "Will I need medication?",
                                "answer": "<p>Some people do and some do not; your "
                                "care team decides with you.</p>",
                            },
                        ],
                    },
                },
                call_to_action,
            ],
        },
        {
            "title": "Recognizing Depression in Early Recovery",
            "slug": "recognizing-depression-in-early-recovery",
            "summary": "Low mood is common in the first months without drugs or "
            "alcohol. Here is how to tell when it is more than that.",
            "categories": ["depression"],
            "tags": ["relapse prevention"],
            "colours": ((90, 110, 150), (200, 170, 140)),
            "body": [
                text(
                    paragraphs(
                        "Many people feel flat or tired in early recovery as the brain "
                        "adjusts. When sadness lasts for weeks, or hope disappears, it "
                        "may be depression, and it can be treated.",
                    )
                ),
                heading("Signs to watch for"),
                text(
                    bullet_list(
                        [
                            "Losing interest in things you used to enjoy",
                            "Sleeping much more or much less than usual",
                            "Feeling hopeless or worthless",
                        ]
                    )
                ),
                crisis_callout,
            ],
        },
        {
            "title": "How Cognitive-Behavioral Therapy Supports Recovery",
            "slug": "how-cbt-supports-recovery",
            "summary": "CBT helps people notice the thoughts that lead to cravings and "
            "practise new ways to respond.",
            "categories": ["treatment"],
            "tags": ["therapy"],
            "colours": ((150, 190, 160), (40, 90, 70)),
            "body": [
                text(
                    paragraphs(
                        "Cognitive-behavioral therapy (CBT) is one of the most studied "
                        "therapies for substance use disorders.",
                        "In sessions, people learn to spot patterns of thinking that "
                        "lead to using, and to practise healthier responses.",
                    )
                ),
                {
                    "type": "pull_quote",
                    "value": {
                        "quote": "I learned that a craving is a wave: it rises, "
                        "and it passes.",
                        "attribution": "A former client",
                    },
                },
            ],
        },
        {
            "title": "Anxiety and Alcohol: Breaking the Cycle",
            "slug": "anxiety-and-alcohol",
            "summary": "Drinking can seem to calm anxiety, but over time it makes "
            "anxiety worse. Treatment can break the cycle.",
            "categories": ["alcohol", "anxiety"],
            "tags": ["dual diagnosis"],
            "colours": ((200, 160, 110), (110, 70, 60)),
            "body": [
                text(
                    paragraphs(
                        "Alcohol can dull anxiety for a few hours. As it wears off, "
                        "anxiety often returns stronger, and drinking again can seem "
                        "like the only answer.",
                        "Treating anxiety and alcohol use together helps people find "
                        "relief that lasts.",
                    )
                ),
                call_to_action,
            ],
        },
        {
            "title": "Supporting a Loved One Through Rehab",
            "slug": "supporting-a-loved-one-through-rehab",
            "summary": "Practical ways families can help someone they love through "
            "treatment, and look after themselves too.",
            "categories": ["treatment"],
            "tags": ["family"],
            "colours": ((230, 200, 170), (150, 100, 120)),
            "body": [
                text(
                    paragraphs(
                        "Families play a big part in recovery. Listening without "
                        "judgement, learning about addiction and joining family "
                        "sessions all help.",
                        "Looking after your own wellbeing matters too; support groups "
                        "for families can make a real difference.",
                    )
                ),
            ],
        },
        {
            "title": "Heroin Withdrawal: What to Expect",
            "slug": "heroin-withdrawal-what-to-expect",
            "summary": "Withdrawal from heroin is hard but manageable with medical "
            "support. Here is what the first days usually look like.",
            "categories": ["heroin", "treatment"],
            "tags": ["detox"],
            "colours": ((170, 180, 200), (60, 70, 100)),
            "body": [
                text(
                    paragraphs(
                        "Withdrawal symptoms can begin within hours of the last dose "
                        "and are often strongest over the first few days.",
                        "Medically supported detox keeps people safer and more "
                        "comfortable, and leads straight into ongoing treatment. "
                        "Call [phone] to talk it through.",
                    )
                ),
            ],
        },
    ]


def load_categories():
    categories = {}
    for name, name_es, slug, parent_slug in CATEGORIES:
        category, _ = ArticleCategory.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "name_es": name_es,
                "parent": categories.get(parent_slug),
            },
        )
        categories[slug] = category
    return categories


def load_reviewer():
    reviewer, created = Person.objects.get_or_create(
        name="Jordan Ellis",
        defaults={
            "credentials": "MD",
            "role": "Medical Director",
            "bio": "Dr. Ellis is board-certified in addiction medicine and "
            "leads the medical team in Waltham. She reviews the center's "
            "articles and program pages for accuracy.",
        },
    )
    return reviewer


def find_page(site, slug):
    return (
        Page.objects.descendant_of(site.root_page)
        .filter(slug=slug)
        .live()
        .specific()
        .first()
    )


def publish_article(
    index, *, categories, tags, published, medical_reviewer, last_reviewed, **fields
):
    article = ArticlePage(**fields)
    # The demo's articles arrive as a medical review left them (in a real site
    # only approving the Medical review task does this).
    record_review(article, medical_reviewer, last_reviewed)
    index.add_child(instance=article)
    article.categories.set(categories)
    article.tags.add(*tags)
    article.save_revision().publish()
    # Spread the dates so the list shows a realistic order.
    ArticlePage.objects.filter(pk=article.pk).update(
        first_published_at=published, last_published_at=published
    )
    return article


def load_index(site, log):
    """The site's article index, made once; also a new center's (add_center)."""
    home = site.root_page
    index = ArticleIndexPage.objects.child_of(home).first()
    if index is None:
        center = CenterSettings.for_site(site)
        index = ArticleIndexPage(
            title="Articles",
            slug="articles",
            show_in_menus=True,
            search_description="Articles about addiction, mental health and "
            f"treatment from {center.center_name}.",
            intro="<p>Plain-language articles about addiction, mental health and "
            "recovery, checked by our medical team.</p>",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
        log("Created the article index at /articles/")
    return index


def load(site, log):
    index = load_index(site, log)
    categories = load_categories()
    reviewer = load_reviewer()
    now = timezone.now()
    existing = set(ArticlePage.objects.child_of(index).values_list("slug", flat=True))

    for days_ago, article in enumerate(short_articles(), start=2):
        if article["slug"] in existing:
            continue
        picture = make_image(article["title"], article["colours"])
        publish_article(
            index,
            title=article["title"],
            slug=article["slug"],
            summary=article["summary"],
            hero_image=picture,
            body=json.dumps(article["body"]),
            medical_reviewer=reviewer,
            last_reviewed=(now - datetime.timedelta(days=days_ago)).date(),
            categories=[categories[slug] for slug in article["categories"]],
            tags=article["tags"],
            published=now - datetime.timedelta(days=days_ago * 9),
        )
        log(f"Created the article “{article['title']}”")

    if SEED_SLUG not in existing:
        # The seed's own photo (and its alt text, SEED_ALT_TEXT) is not ours
        # to use: the demo shows an abstract picture, decorative.
        hero = make_image("Rings on a slate gradient", ((120, 120, 135), (35, 35, 50)))
        publish_article(
            index,
            title="How Heroin Can Lead to Depression",
            slug=SEED_SLUG,
            summary="Heroin changes brain chemistry in ways that can lead to "
            "depression. Learn how the two are connected and how co-occurring "
            "conditions are treated.",
            hero_image=hero,
            body=json.dumps(
                seed_body(find_page(site, "contact"), find_page(site, "heroin-rehab"))
            ),
            medical_reviewer=reviewer,
            last_reviewed=now.date(),
            categories=[categories["heroin"], categories["depression"]],
            tags=["dual diagnosis", "heroin"],
            published=now - datetime.timedelta(days=1),
        )
        log("Created the article “How Heroin Can Lead to Depression”")


def show_at(site, centers, log):
    """Tick `centers` under “also shown on these centers' sites” on each of
    `site`'s articles, and publish it as an editor would: the article library
    gives each center an alias (articles.library). Ticked ones are left."""
    index = ArticleIndexPage.objects.child_of(site.root_page).first()
    if index is None:
        return
    for article in (
        ArticlePage.objects.child_of(index).live().filter(alias_of=None).specific()
    ):
        shown_at = set(article.also_shown_at.all())
        missing = [center for center in centers if center not in shown_at]
        if not missing:
            continue
        article.also_shown_at.add(*missing)
        article.save_revision().publish()
        log(
            f"Showing “{article.title}” at "
            + ", ".join(center.site_name for center in missing)
        )
