"""Demo content for standard pages: About, Careers, Admissions, Insurance, Privacy.

Idempotent: each page is looked up by slug under its parent before creating.
"""

from core.models import CenterSettings
from standard_pages.models import StandardPage

ADMISSIONS_STEPS = {
    "heading": "How admission works",
    "steps": [
        {
            "title": "Call admissions",
            "text": "<p>Call [phone] any time. A member of our team listens and "
            "asks a few questions about what is going on.</p>",
        },
        {
            "title": "Check your insurance",
            "text": "<p>We verify your benefits for you, free and in confidence, "
            "and explain any costs before you decide.</p>",
        },
        {
            "title": "Plan your arrival",
            "text": "<p>We agree a date, explain what to bring and can help with "
            "travel to Waltham.</p>",
        },
        {
            "title": "Your first day",
            "text": "<p>A clinician meets you, completes an assessment and starts "
            "your treatment plan with you.</p>",
        },
    ],
}

INSURERS = {
    "heading": "Insurance we accept",
    "note": "<p>Coverage depends on your plan. Don’t see yours? Call [phone] and "
    "we will check your benefits.</p>",
}
VERIFY_INSURANCE = {
    "heading": "Find out what your plan covers",
    "text": "Give us your insurance details in three short steps and admissions "
    "checks your benefits for you, free and in confidence.",
    "button_label": "Verify your insurance",
}

PAGES = [
    # (parent slug or None for the home page, slug, title, introduction, body)
    (
        None,
        "about",
        "About us",
        "Evoke Wellness at Waltham treats addiction and co-occurring mental health "
        "conditions with medical care, evidence-based therapy and respect.",
        [
            (
                "rich_text",
                "<p>Our team includes physicians, nurses, therapists and case "
                "managers who work together on one plan for each person.</p>"
                "<p>We believe recovery is possible for everyone, and that "
                "treatment should care for the whole person.</p>",
            )
        ],
    ),
    (
        "about",
        "careers",
        "Careers",
        "Help people build a foundation for lasting recovery.",
        [
            (
                "rich_text",
                "<p>We are often looking for nurses, therapists and support "
                "staff who share our values. To ask about open roles, use the "
                "contact page and mention careers.</p>",
            )
        ],
    ),
    (
        None,
        "admissions",
        "Admissions process",
        "Starting treatment can feel like a lot. Admissions takes it one step "
        "at a time with you.",
        [("steps", ADMISSIONS_STEPS)],
    ),
    (
        None,
        "insurance",
        "Insurance",
        "Many insurance plans cover addiction and mental health treatment.",
        [("insurers", INSURERS), ("verify_insurance", VERIFY_INSURANCE)],
    ),
    (
        None,
        "privacy-policy",
        "Privacy policy",
        "How this website and our admissions team handle your information.",
        [
            (
                "rich_text",
                "<p>This website does not use advertising trackers and loads "
                "nothing from other websites.</p><p>What you send through the "
                "contact form is read only by our admissions team, used only to "
                "contact you about treatment, and deleted after two years.</p>"
                "<p>To ask about your information, call [phone].</p>",
            )
        ],
    ),
]


def load(site, log):
    home = site.root_page
    pages = {}
    for parent_slug, slug, title, introduction, body in PAGES:
        parent = pages[parent_slug] if parent_slug else home
        page = StandardPage.objects.child_of(parent).filter(slug=slug).first()
        if page is None:
            page = StandardPage(
                title=title, slug=slug, introduction=introduction, body=body
            )
            parent.add_child(instance=page)
            page.save_revision().publish()
            log(f"Created the page “{title}”")
        pages[slug] = page

    center = CenterSettings.for_site(site)
    if center.privacy_page_id is None:
        center.privacy_page = pages["privacy-policy"]
        center.save()
        log("Linked the privacy policy from the footer")
