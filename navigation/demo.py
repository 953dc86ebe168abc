"""Demo menus: every program, the center, admissions, about, articles and contact.

This loader runs last (after articles.demo) and only adds what is missing: each
well-known page joins the menu once it exists, in its usual place, so a page
created by a later loader (or on a later run) is added then, and entries that
editors added or reordered stay as they are. A center added with
`manage.py add_center` gets its menus from here too, with the pages it has.
"""

from wagtail.models import Page

from locations.models import LocationPage
from navigation.models import NavigationSettings

ALL_CHILDREN = "all live children"

# (slug path from the home page, or the page type a center has one of; link
# text and its Spanish, or "" for the page's title; children: slug paths, or
# ALL_CHILDREN for every live child page in tree order)
MAIN_MENU = [
    ("treatment-programs", "", "", ALL_CHILDREN),
    ("admissions", "Admissions", "Admisiones", ["insurance", "contact"]),
    # Each center's location is named after its town (/waltham/, /cohasset/).
    (LocationPage, "Our center", "Nuestro centro", []),
    ("about", "About us", "Sobre nosotros", ["about/careers"]),
    ("articles", "", "", []),
    ("contact", "Contact us", "Contáctenos", []),
]
FOOTER_LINKS = [
    "treatment-programs",
    "about",
    "admissions",
    "insurance",
    "about/careers",
    "contact",
]


def find(home, where):
    """The live page at a slug path below `home`, or its first of a page type."""
    if isinstance(where, type):
        return where.objects.child_of(home).live().first()
    page = home
    for slug in where.split("/"):
        page = Page.objects.child_of(page).filter(slug=slug).live().first()
        if page is None:
            return None
    return page


def child_pages(home, page, children):
    if children == ALL_CHILDREN:
        return list(Page.objects.child_of(page).live())
    found = (find(home, path) for path in children)
    return [child for child in found if child is not None]


def plain(link):
    """A stored link value as a plain dict that can be assigned back."""
    return {
        "page": link["page"],
        "url": link["url"],
        "link_text": link["link_text"],
        "link_text_es": link.get("link_text_es", ""),
    }


def complete_main_menu(home, sections):
    """Add missing well-known entries and children; True when anything changed."""
    changed = False
    placed = []  # pks of the well-known pages seen so far, in MAIN_MENU order
    for path, text, text_es, children in MAIN_MENU:
        page = find(home, path)
        if page is None:
            continue
        position = next(
            (
                i
                for i, s in enumerate(sections)
                if s["page"] and s["page"].pk == page.pk
            ),
            None,
        )
        if position is None:
            # After the last entry for an earlier well-known page, else first.
            earlier = [
                i
                for i, s in enumerate(sections)
                if s["page"] and s["page"].pk in placed
            ]
            position = max(earlier) + 1 if earlier else 0
            sections.insert(
                position,
                {
                    "page": page,
                    "url": "",
                    "link_text": text,
                    "link_text_es": text_es,
                    "children": [],
                },
            )
            changed = True
        section = sections[position]
        linked = {child["page"].pk for child in section["children"] if child["page"]}
        for child in child_pages(home, page, children):
            if child.pk not in linked:
                section["children"].append(
                    {"page": child, "url": "", "link_text": "", "link_text_es": ""}
                )
                changed = True
        placed.append(page.pk)
    return changed


def load(site, log):
    home = site.root_page
    navigation = NavigationSettings.for_site(site)
    sections = [
        {
            **plain(block.value),
            "children": [plain(child) for child in block.value["children"]],
        }
        for block in navigation.main_menu
    ]
    footer = [plain(block.value) for block in navigation.footer_links]

    changed = complete_main_menu(home, sections)
    linked = {link["page"].pk for link in footer if link["page"]}
    for path in FOOTER_LINKS:
        page = find(home, path)
        if page is not None and page.pk not in linked:
            footer.append(
                {"page": page, "url": "", "link_text": "", "link_text_es": ""}
            )
            changed = True

    if changed:
        navigation.main_menu = [("section", section) for section in sections]
        navigation.footer_links = [("link", link) for link in footer]
        navigation.save()
        log("Completed the main menu and footer links")
