"""Plain page-making helpers for the services, locations, standard-page and
navigation tests: published pages built with `parent=` and sensible defaults."""

from editorial.models import record_review
from locations.models import LocationPage
from services.models import ServiceIndexPage, ServicePage
from standard_pages.models import StandardPage


def as_reviewed(page):
    """A page made with a reviewer and date stands for one a Medical review
    approved (in the admin only approving the task writes them)."""
    if getattr(page, "medical_reviewer_id", None) and page.last_reviewed:
        record_review(page, page.medical_reviewer, page.last_reviewed)
    return page


def publish(parent, page):
    as_reviewed(page)
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def slug_for(title):
    return "".join(ch if ch.isalnum() else "-" for ch in title.lower()).strip("-")


def make_standard_page(parent, title="About us", **overrides):
    overrides.setdefault("slug", slug_for(title))
    overrides.setdefault("introduction", f"All about {title.lower()}.")
    return publish(parent, StandardPage(title=title, **overrides))


def make_service_index(parent, title="Treatment programs", **overrides):
    overrides.setdefault("slug", "treatment-programs")
    return publish(parent, ServiceIndexPage(title=title, **overrides))


def make_service(parent, title="Heroin rehab", levels=(), **overrides):
    overrides.setdefault("slug", slug_for(title))
    overrides.setdefault("summary", f"{title} at Evoke Wellness at Waltham.")
    overrides.setdefault(
        "body", [("rich_text", f"<p>How {title.lower()} works here.</p>")]
    )
    page = ServicePage(title=title, **overrides)
    page.levels_of_care.set(levels)
    return publish(parent, page)


def make_location(parent, title="Evoke Wellness at Waltham", services=(), **overrides):
    overrides.setdefault("slug", slug_for(title))
    overrides.setdefault("address", "Evoke Wellness at Waltham\nWaltham, MA 02451")
    page = LocationPage(title=title, **overrides)
    page.services.set(services)
    return publish(parent, page)
