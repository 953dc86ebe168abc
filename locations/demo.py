"""Demo content for the locations app: the Waltham center."""

from locations.models import LocationPage
from services.models import ServicePage


def load(site, log):
    home = site.root_page
    if LocationPage.objects.child_of(home).filter(slug="waltham").exists():
        return
    location = LocationPage(
        title="Evoke Wellness at Waltham",
        slug="waltham",
        search_description="Visit Evoke Wellness at Waltham, MA: address, "
        "admissions hours and the programs offered.",
        address="Evoke Wellness at Waltham\nWaltham, MA 02451",
        hours="Admissions: 24 hours a day, 7 days a week\n"
        "Visiting: by arrangement with your care team",
        description="<p>Our center is in Waltham, Massachusetts, west of Boston. "
        "Call admissions before you travel and we will help you plan your "
        "arrival.</p>",
    )
    # Empty admissions_phone: the center uses the number in Center details.
    location.services.set(ServicePage.objects.live())
    home.add_child(instance=location)
    location.save_revision().publish()
    log("Created the Waltham location at /waltham/")
