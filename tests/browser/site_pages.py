"""Every public page type of the site, found in the demo content.

Page types are discovered from Wagtail's page models, so a new page type is
checked by the browser gates as soon as it exists; its demo content must then
have a live page of that type, or the gates fail. EXPECTED_PAGE_TYPES is the
other half: a page type the site must have, so losing one fails too.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import translation

from wagtail.models import Page, get_page_models

# Page types a visitor must be able to reach (app_label.modelname).
EXPECTED_PAGE_TYPES = [
    "home.homepage",
    "articles.articleindexpage",
    "articles.articlepage",
    "contact.contactpage",
    "insurance.verifyinsurancepage",
    "services.serviceindexpage",
    "services.servicepage",
    "locations.locationpage",
    "standard_pages.standardpage",
]


@dataclass
class PageCase:
    """A page in one state, as a visitor sees it."""

    name: str
    find_path: object  # () -> URL path, looked up in the demo content
    status: int = 200
    # (page) -> None: brings the loaded page into the state to check.
    prepare: object = field(default=lambda page: None)


def open_case(page, base_url, case):
    """Load the case's page and bring it into its state; return the HTML served.

    The HTML is the last document the server sent (after a form post, the
    answer to the post), as the checker must see it, not the live DOM.
    """
    documents = []

    def keep_document(response):
        if response.request.resource_type == "document" and response.frame == (
            page.main_frame
        ):
            documents.append(response)

    page.on("response", keep_document)
    try:
        response = page.goto(base_url + case.find_path())
        assert response.status == case.status, response.url
        case.prepare(page)
        page.wait_for_load_state()
        return documents[-1].text()
    finally:
        page.remove_listener("response", keep_document)


def page_type_labels():
    return sorted(
        model._meta.label_lower for model in get_page_models() if model is not Page
    )


def site_path(page):
    """A page's address on its own site ("/contact/"), to follow from that
    site's address: with two demo centers, `page.url` is a full address."""
    return page.get_url_parts()[2]


def first_live_page(label, language="en"):
    """The first live page of a page type (app_label.modelname) in the demo
    content, in `language`."""
    model = next(m for m in get_page_models() if m._meta.label_lower == label)
    page = (
        Page.objects.live()
        .exact_type(model)
        .filter(locale__language_code=language)
        .order_by("path")
        .first()
    )
    assert page is not None, (
        f"The demo content has no live {model.__name__} in {language!r}: add one "
        f"to the app's {'demo.py' if language == 'en' else 'demo_es.py'} so the "
        "browser gates check this page type."
    )
    return page.specific


def category_filter_path(language="en"):
    index = first_live_page("articles.articleindexpage", language)
    category = first_live_page("articles.articlepage", language).categories.first()
    return site_path(index) + index.reverse_subpage(
        "articles_in_category", args=[category.slug]
    )


def thank_you_path(language="en"):
    contact = first_live_page("contact.contactpage", language)
    return site_path(contact) + contact.reverse_subpage("thank_you")


def submit_empty_inquiry(page):
    with page.expect_navigation():
        page.locator(".inquiry-form [type=submit]").click()


def verify_page_path(language="en"):
    return site_path(first_live_page("insurance.verifyinsurancepage", language))


def verify_thank_you_path(language="en"):
    verify = first_live_page("insurance.verifyinsurancepage", language)
    return site_path(verify) + verify.reverse_subpage("thank_you")


def continue_with_step_1_empty(page):
    with page.expect_navigation():
        page.locator(".verify-form [type=submit]").click()


def search_path(query, language="en"):
    with translation.override(language):
        return reverse("search") + f"?q={query}"


# Pages that are not a page type of their own: a route, or a state of a page.
STATES = [
    PageCase("page-not-found", lambda: "/no-such-page-here/", status=404),
    PageCase("articles.category-filter", category_filter_path),
    PageCase(
        "contact.form-errors",
        lambda: site_path(first_live_page("contact.contactpage")),
        prepare=submit_empty_inquiry,
    ),
    PageCase("contact.thank-you", thank_you_path),
    PageCase(
        "insurance.form-errors",
        verify_page_path,
        prepare=continue_with_step_1_empty,
    ),
    PageCase("insurance.thank-you", verify_thank_you_path),
    PageCase("search.results", lambda: search_path("heroin")),
    PageCase("search.no-results", lambda: search_path("zzzyzx")),
]

# The same states on the Spanish pages (/es/).
SPANISH_STATES = [
    PageCase("es.page-not-found", lambda: "/es/no-existe/", status=404),
    PageCase("es.articles.category-filter", lambda: category_filter_path("es")),
    PageCase(
        "es.contact.form-errors",
        lambda: site_path(first_live_page("contact.contactpage", "es")),
        prepare=submit_empty_inquiry,
    ),
    PageCase("es.contact.thank-you", lambda: thank_you_path("es")),
    PageCase(
        "es.insurance.form-errors",
        lambda: verify_page_path("es"),
        prepare=continue_with_step_1_empty,
    ),
    PageCase("es.insurance.thank-you", lambda: verify_thank_you_path("es")),
    PageCase("es.search.results", lambda: search_path("heroína", "es")),
    PageCase("es.search.no-results", lambda: search_path("zzzyzx", "es")),
]


def page_cases():
    by_type = [
        PageCase(label, lambda label=label: site_path(first_live_page(label)))
        for label in page_type_labels()
    ]
    return by_type + STATES


def spanish_page_cases():
    """Every public page type and state again, on the Spanish pages."""
    by_type = [
        PageCase(
            f"es.{label}",
            lambda label=label: site_path(first_live_page(label, "es")),
        )
        for label in page_type_labels()
    ]
    return by_type + SPANISH_STATES
