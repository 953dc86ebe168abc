"""Demo content for the locations app: the center's own location page.

Also the location page of a center added with `manage.py add_center`: its
name, address and town come from the site's Center details.
"""

from django.utils.html import escape
from django.utils.text import slugify

from core.centers import place_of
from core.models import CenterSettings
from locations.models import LocationPage
from services.models import ServicePage


def load(site, log):
    home = site.root_page
    if LocationPage.objects.child_of(home).exists():
        return
    center = CenterSettings.for_site(site)
    place = place_of(center.address)
    # The town: /waltham/, /cohasset/.
    slug = slugify(place.split(",")[0]) or "our-center"
    in_place = f" in {escape(place)}" if place else ""
    location = LocationPage(
        title=center.center_name,
        slug=slug,
        search_description=f"Visit {center.center_name}: address, admissions "
        "hours and the programs offered.",
        address=center.address or center.center_name,
        hours="Admissions: 24 hours a day, 7 days a week\n"
        "Visiting: by arrangement with your care team",
        description=f"<p>Our center is{in_place}. Call admissions before you "
        "travel and we will help you plan your arrival.</p>",
    )
    # Empty admissions_phone: the center uses the number in Center details.
    location.services.set(ServicePage.objects.live().descendant_of(home))
    home.add_child(instance=location)
    location.save_revision().publish()
    log(f"Created the location page at /{slug}/")
