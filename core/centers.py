"""A center of the group: its own Wagtail site, pages and settings in one go.

`add_center` (`manage.py add_center`, and the demo's second center) makes a
site whose root is a new home page under the tree root; under it the pages
every center has, each written by its app's loader from the center's details
(contact.demo, insurance.demo, services.demo, locations.demo, articles.demo);
its menus (navigation.demo) and its admissions team (contact.centers). What
the group shares (tagline, hours, logo, hero picture, crisis lines, what
happens when you call, privacy policy) starts as the default center's;
accreditations are each center's own to list. Safe to run again: it adds only
what is missing and never changes what an editor has set.
"""

import re

from django.utils.html import escape
from django.utils.text import slugify

from wagtail.coreutils import find_available_slug
from wagtail.models import Page, Site

from contact.centers import ensure_admissions_team, team_of
from core.models import CenterSettings
from home.models import HomePage

ZIP_CODE = re.compile(r"\s+\d{5}(?:-\d{4})?$")
# Center details a new center starts with from the default center.
SHARED_DETAILS = [
    "tagline",
    "admissions_hours",
    "logo",
    "crisis_lines",
    "call_steps",
    "privacy_page",
]


def place_of(address):
    """The town line of a postal address (its last, with a ZIP code or a comma)
    without the ZIP code: "Waltham, MA"; or "" when it has none."""
    lines = [line.strip() for line in address.splitlines() if line.strip()]
    if not lines or not (ZIP_CODE.search(lines[-1]) or "," in lines[-1]):
        return ""
    return ZIP_CODE.sub("", lines[-1])


def home_page(name, place, **fields):
    """An unsaved home page for the center `name`, with default text naming it."""
    in_place = f" in {place}" if place else ""
    defaults = {
        "title": name,
        "slug": slugify(name),
        "seo_title": f"Addiction & Mental Health Treatment{in_place}",
        "search_description": f"{name} treats substance use and co-occurring "
        "mental health conditions. Admissions answers day and night.",
        "hero_heading": "Recovery starts with one call",
        "hero_text": "Our admissions team answers day and night. We will listen, "
        "check your insurance and help you or your loved one take the next step.",
        "intro": f"<p>{escape(name)} treats substance use and co-occurring mental "
        "health conditions with medical care, evidence-based therapy and a team "
        "that treats every person with dignity.</p>",
    }
    return HomePage(**{**defaults, **fields})


def ensure_site(name, hostname, port, address, log):
    """The site at `hostname`, made with its home page if it has none."""
    site = Site.objects.filter(hostname=hostname).first()
    if site is not None:
        if port and site.port != port:
            site.port = port
            site.save()
            log(f"Serving {site.site_name or hostname} at {site.root_url}/")
        return site
    default = Site.objects.filter(is_default_site=True).first()
    shared_hero = (
        getattr(default.root_page.specific, "hero_image", None) if default else None
    )
    root = Page.get_first_root_node()
    home = home_page(name, place_of(address), hero_image=shared_hero)
    home.slug = find_available_slug(root, home.slug)
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.create(
        hostname=hostname, port=port or 80, root_page=home, site_name=name
    )
    log(f"Created the site of {name} at {site.root_url}/, with its home page")
    return site


def fill_center_details(site, name, phone, address, log):
    """A new center's details: its name, phone and address, and what the group
    shares as the default center has it. Details already there are kept."""
    if CenterSettings.objects.filter(site=site).exists():
        return
    details = CenterSettings(
        site=site, center_name=name, admissions_phone=phone, address=address
    )
    shared = CenterSettings.objects.filter(site__is_default_site=True).first()
    if shared is not None and shared.site_id != site.pk:
        for field in SHARED_DETAILS:
            setattr(details, field, getattr(shared, field))
    details.save()
    log(f"Filled in the center details of {name}")


def add_center(*, name, hostname, phone, address="", port=None, programs=(), log):
    """Make (or complete) the center `name` at `hostname`; returns its site.

    `programs` are slugs of services.demo.SERVICES to start its programs with.
    """
    # Imported here: the loaders take place_of from this module.
    from articles import demo as articles_demo
    from contact import demo as contact_demo
    from insurance import demo as insurance_demo
    from locations import demo as locations_demo
    from navigation import demo as navigation_demo
    from services import demo as services_demo

    site = ensure_site(name, hostname, port, address, log)
    fill_center_details(site, name, phone, address, log)
    contact_demo.load(site, log)
    insurance_demo.load(site, log)
    services_demo.load(site, log, programs=programs)
    # After the programs: the location lists those the center offers.
    locations_demo.load(site, log)
    articles_demo.load_index(site, log)
    navigation_demo.load(site, log)
    if team_of(site) is None:
        team = ensure_admissions_team(site)
        log(f"Gave it its own admissions team, the group “{team.name}”")
    return site
