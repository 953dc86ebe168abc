"""Demo promoted search results: what marketing would pin for common questions."""

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

# (query, slug of the page to promote, why it is the right answer)
PROMOTIONS = [
    ("insurance", "insurance", "Which insurance plans cover treatment here."),
    ("cost", "insurance", "What treatment costs and how insurance helps."),
    ("admissions", "admissions", "How to start treatment, one step at a time."),
]


def load(site, log):
    for query_string, slug, description in PROMOTIONS:
        page = (
            Page.objects.descendant_of(site.root_page).live().filter(slug=slug).first()
        )
        if page is None:
            continue  # the standard pages' demo did not run
        _, created = SearchPromotion.objects.get_or_create(
            query=Query.get(query_string),
            page=page,
            defaults={"description": description, "sort_order": 0},
        )
        if created:
            log(f"Promoted “{page.title}” for searches for “{query_string}”")
