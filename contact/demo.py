"""Demo content for the contact app: the contact page at /contact/.

Also the contact page of a center added with `manage.py add_center`.
"""

from contact.models import ContactPage
from core.models import CenterSettings
from home.models import HomePage


def load(site, log):
    """Create the site's contact page under its home page once; safe to run again."""
    home = HomePage.objects.get(pk=site.root_page_id)
    if ContactPage.objects.child_of(home).exists():
        return
    center = CenterSettings.for_site(site)
    page = ContactPage(
        title="Contact us",
        slug="contact",
        show_in_menus=True,
        seo_title=f"Contact {center.center_name} admissions",
        search_description=(
            "Ask about treatment for yourself or a loved one. Our admissions "
            "team replies quickly and in confidence."
        ),
        intro=(
            "<p>Tell us a little about what is going on and how to reach you. "
            "A member of our admissions team will get back to you, usually within "
            "the hour during the day. You do not need to have everything figured "
            "out.</p>"
        ),
        privacy_notice=(
            "<p>Only our admissions team can read what you send. We use it to "
            "contact you about treatment and nothing else: no advertising, no "
            "sharing. We keep inquiries for two years and then delete them.</p>"
        ),
        thank_you_text=(
            "<p>A member of our admissions team will contact you soon, in the way "
            "you asked. They will listen, answer your questions and, if you like, "
            "check your insurance. Everything you told us stays confidential.</p>"
        ),
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    log("Created the contact page")
