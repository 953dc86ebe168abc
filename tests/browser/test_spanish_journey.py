"""A Spanish-speaking family on a phone, by keyboard alone, writes to admissions.

They arrive on the English seed article, switch to Spanish with the header's
"Español", follow the article's own link to the Spanish contact page, send
the form empty once, then fill it in and send it. Every Spanish page they see
(the article, the contact page, its error state and the thank-you page) must
pass axe-core (WCAG 2.2 AA) and the Nu HTML Checker, and the inquiry is
stored as written in Spanish. Besides the first address, everything is done
with Tab, the arrow keys, Space, Enter and typing.
"""

import re

from wagtail.models import Locale

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from articles.models import ArticlePage
from contact.models import Inquiry

from .conftest import ARTIFACTS, PHONE, screenshot
from .site_pages import first_live_page, site_path
from .test_html_validity import html_errors

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
axe = Axe()
HTML = ARTIFACTS / "html"


@pytest.fixture
def phone(browser, settings):
    # A person filling the form in takes longer than the bot check's minimum.
    settings.INQUIRY_MIN_FILL_SECONDS = 0
    context = browser.new_context(
        viewport=PHONE, locale="es-US", service_workers="block"
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


class SpanishPages:
    """The HTML the server sent for each Spanish page the family saw, and
    what axe found on it as shown."""

    def __init__(self, page):
        self.page = page
        self.documents = []
        self.files = {}
        self.problems = []
        page.on("response", self.keep)

    def keep(self, response):
        if response.request.resource_type == "document" and (
            response.frame == self.page.main_frame
        ):
            self.documents.append(response)

    def check(self, name):
        """The page now shown is Spanish; run axe on it, keep its HTML."""
        expect(self.page.locator("html")).to_have_attribute("lang", "es")
        results = axe.run(
            self.page,
            options={
                "runOnly": {"type": "tag", "values": WCAG_22_AA},
                "resultTypes": ["violations"],
            },
        )
        if results.violations_count:
            self.problems.append(f"axe on {name}:\n{results.generate_report()}")
        HTML.mkdir(parents=True, exist_ok=True)
        path = HTML / f"spanish-{name}.html"
        path.write_text(self.documents[-1].text(), encoding="utf-8")
        self.files[str(path.resolve())] = name
        screenshot(self.page, f"spanish-journey-{name}")


def tab_to(page, target, *, limit=120):
    """Press Tab until `target` (a locator) has the keyboard's focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("(el) => el === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {target}")


def press_and_wait(page, key):
    with page.expect_navigation():
        page.keyboard.press(key)
    page.wait_for_load_state()


def test_spanish_family_switches_language_and_writes_by_keyboard_on_a_phone(
    phone, live_server, vnu_jar
):
    page = phone
    spanish_locale = Locale.objects.get(language_code="es")
    english_article = ArticlePage.objects.get(
        slug="how-heroin-can-lead-to-depression",
        alias_of=None,
        locale__language_code="en",
    )
    spanish_article = english_article.get_translation(spanish_locale)
    spanish_contact = first_live_page("contact.contactpage").get_translation(
        spanish_locale
    )
    seen = SpanishPages(page)

    page.goto(live_server.url + site_path(english_article))
    expect(page.locator("html")).to_have_attribute("lang", "en")

    # The header's switcher, named in Spanish.
    switch = page.locator("header a.language-switch")
    expect(switch).to_have_text("Español")
    tab_to(page, switch)
    press_and_wait(page, "Enter")
    expect(page).to_have_url(live_server.url + site_path(spanish_article))
    expect(page.get_by_role("heading", level=1)).to_have_text(spanish_article.title)
    # A translation is reviewed on its own: no English review line here.
    expect(page.locator("main")).not_to_contain_text(english_article.reviewer.name)
    seen.check("article")

    # The article's own link to write to admissions.
    tab_to(
        page, page.locator("main").get_by_role("link", name="escribiéndonos en línea")
    )
    press_and_wait(page, "Enter")
    expect(page).to_have_url(live_server.url + site_path(spanish_contact))
    expect(page.get_by_role("heading", level=1)).to_have_text(spanish_contact.title)
    seen.check("contact")

    send = page.get_by_role("button", name="Enviar mi consulta")
    tab_to(page, send)
    press_and_wait(page, "Enter")
    expect(page.locator(".inquiry-form .field--error").first).to_be_visible()
    seen.check("contact-errors")

    name = page.get_by_label(re.compile("^Su nombre"))
    tab_to(page, name)
    page.keyboard.type("Lucía Gómez")
    tab_to(page, page.get_by_label("Número de teléfono"))
    page.keyboard.type("(617) 555-0187")
    # Nobody is chosen yet: Tab reaches the first answer, an arrow the next.
    tab_to(page, page.get_by_label("Yo", exact=True))
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Un ser querido")).to_be_checked()
    tab_to(page, page.get_by_label(re.compile("^Mensaje")))
    page.keyboard.type("Mi hijo quiere dejar la heroína y está muy deprimido.")
    consent = page.get_by_label(re.compile("equipo de admisiones se comunique"))
    tab_to(page, consent)
    page.keyboard.press("Space")
    expect(consent).to_be_checked()
    tab_to(page, send)
    press_and_wait(page, "Enter")

    expect(page).to_have_url(
        live_server.url
        + site_path(spanish_contact)
        + spanish_contact.reverse_subpage("thank_you")
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gracias")
    seen.check("thank-you")

    inquiry = Inquiry.objects.get(name="Lucía Gómez")
    assert inquiry.language == "es"
    assert inquiry.help_for == Inquiry.HelpFor.LOVED_ONE

    problems = seen.problems + html_errors(vnu_jar, seen.files)
    assert not problems, "\n\n".join(problems)
