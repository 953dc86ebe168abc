"""Demo content for insurance verification: the accepted insurers and the
page families check their coverage on (/verify-insurance/).

Also the verification page of a center added with `manage.py add_center`.
"""

from core.models import CenterSettings
from home.models import HomePage
from insurance.models import Insurer, VerifyInsurancePage

INSURERS = [
    "Aetna",
    "Blue Cross Blue Shield",
    "Cigna",
    "Harvard Pilgrim Health Care",
    "Tufts Health Plan",
    "UnitedHealthcare",
]


def load(site, log):
    """Create the insurers and the page once; safe to run again."""
    for number, name in enumerate(INSURERS):
        _insurer, created = Insurer.objects.get_or_create(
            name=name, defaults={"sort_order": number}
        )
        if created:
            log(f"Added the accepted insurer “{name}”")
    home = HomePage.objects.get(pk=site.root_page_id)
    if VerifyInsurancePage.objects.child_of(home).exists():
        return
    center = CenterSettings.for_site(site)
    page = VerifyInsurancePage(
        title="Verify your insurance",
        slug="verify-insurance",
        seo_title="Check your insurance coverage for treatment",
        search_description=(
            "Find out in three short steps whether your insurance covers "
            f"addiction and mental health treatment at {center.center_name}. "
            "Free and confidential."
        ),
        intro=(
            "<p>Tell us about your insurance and our admissions team checks your "
            "benefits for you: free, confidential and with no obligation. It takes "
            "about three minutes, and we usually call back within the hour during "
            "the day.</p>"
        ),
        privacy_notice=(
            "<p>Only our admissions team can see what you send, and only to check "
            "your coverage and contact you about it. Your member ID, date of birth "
            "and card photos are stored encrypted. We delete the card photos after "
            "30 days and the rest with your inquiry after two years. We never share "
            "them for advertising.</p>"
        ),
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    log("Created the insurance verification page")
