"""What the people this site is for do with it, in a real browser."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import Page, Site

import pytest
from playwright.sync_api import expect

from core.models import CenterSettings
from tests.browser.admin import sign_in_to_admin

from .conftest import DESKTOP, PHONE, screenshot
from .site_pages import site_path

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def center():
    return CenterSettings.for_site(Site.objects.get(is_default_site=True))


def live_page(model_label, **filters):
    """The first live page of a page type in the demo content."""
    app_label, model_name = model_label.split(".")
    page = (
        Page.objects.live()
        .filter(
            content_type__app_label=app_label,
            content_type__model=model_name,
            **filters,
        )
        .order_by("path")
        .first()
    )
    assert page is not None, f"The demo content has no live {model_label}"
    return page.specific


def test_patient_on_a_phone_opens_the_menu_reads_an_article_and_calls(
    page, live_server
):
    page.set_viewport_size(PHONE)
    # The seed article, whose text links to the heroin rehab program.
    article = live_page(
        "articles.articlepage", slug="how-heroin-can-lead-to-depression"
    )
    service = live_page("services.servicepage", slug="heroin-rehab")

    page.goto(live_server.url + "/")
    menu = page.locator("#site-menu")
    toggle = page.get_by_role("button", name="Menu")
    expect(menu).to_be_hidden()

    toggle.click()
    expect(menu).to_be_visible()
    # One name; the state is announced from aria-expanded ("Menu, expanded").
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(toggle).to_have_accessible_name("Menu")
    toggle.click()
    expect(menu).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")

    page.get_by_role("button", name="Menu").click()
    expect(menu).to_be_visible()
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(toggle).to_be_focused()

    page.goto(live_server.url + site_path(article))
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)
    page.locator("main").get_by_role(
        "link", name=re.compile("heroin rehab", re.IGNORECASE)
    ).first.click()
    expect(page).to_have_url(live_server.url + site_path(service))

    call = page.locator("a.call-button").first
    expect(call).to_have_attribute("href", center().admissions_phone_href)
    expect(call).to_be_in_viewport()
    screenshot(page, "journey-patient-service")


def test_admissions_staff_changes_an_inquiry_status_in_the_inbox(page, live_server):
    from contact.models import Inquiry

    page.set_viewport_size(DESKTOP)
    inquiry = Inquiry.objects.create(
        name="Jordan Family",
        email="jordan@example.com",
        help_for=Inquiry.HelpFor.choices[0][0],
        consent_to_contact=True,
    )
    staff = get_user_model().objects.create_user(
        "admissions", "admissions@example.com", "a-long-staff-password"
    )
    staff.groups.add(Group.objects.get(name="Admissions"))

    sign_in_to_admin(page, live_server, "admissions", "a-long-staff-password")

    page.get_by_role("navigation", name="Main menu").get_by_role(
        "link", name="Inquiries", exact=True
    ).click()
    expect(page).to_have_url(live_server.url + reverse("inquiries:index"))
    page.get_by_role("link", name="Jordan Family").first.click()
    expect(page).to_have_url(
        live_server.url + reverse("inquiries:inspect", args=[inquiry.pk])
    )
    expect(page.locator("main")).to_contain_text("jordan@example.com")
    # The inspect view shows no Edit button of its own: staff go on to the
    # edit view, where status, assignee and notes are changed.
    page.goto(live_server.url + reverse("inquiries:edit", args=[inquiry.pk]))
    page.get_by_role("combobox", name=re.compile("^Status")).select_option(
        Inquiry.Status.CONTACTED
    )
    page.get_by_role("button", name=re.compile("^save", re.IGNORECASE)).first.click()
    expect(page.locator(".messages")).to_contain_text(re.compile("updated|saved", re.I))

    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.CONTACTED


def error_fields(page):
    """Each field shown in error: its name, its message, what describes it."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.inquiry-form .field--error')]
        .map((field) => {
            const error = field.querySelector('.field__error');
            const control = field.matches('fieldset')
                ? field : field.querySelector('input, textarea, select');
            return {
                id: error ? error.id : null,
                message: error ? error.textContent.trim() : '',
                describedBy: (control.getAttribute('aria-describedby') || '')
                    .split(' '),
                focused: field.contains(document.activeElement),
            };
        })"""
    )


def test_family_member_fixes_the_errors_and_sends_an_inquiry(
    page, live_server, settings
):
    from contact.models import Inquiry

    # A person filling the form in takes longer than the bot check's minimum.
    settings.INQUIRY_MIN_FILL_SECONDS = 0
    # Forms sent back with mistakes never count towards the limit: with room
    # for one inquiry, two rounds of errors still end in a sent inquiry.
    settings.INQUIRY_RATE_LIMIT = (1, 600)
    contact = live_page("contact.contactpage")
    # They arrive from a newsletter on an article and write a page later.
    article = live_page(
        "articles.articlepage", slug="how-heroin-can-lead-to-depression"
    )
    page.goto(
        live_server.url
        + site_path(article)
        + "?utm_source=newsletter&utm_campaign=spring"
    )
    page.goto(live_server.url + site_path(contact))

    with page.expect_navigation():
        page.get_by_role("button", name="Send my inquiry").click()
    fields = error_fields(page)
    assert {field["id"] for field in fields} >= {
        "id_name-error",
        "id_phone-error",
        "id_help_for-error",
        "id_consent_to_contact-error",
    }
    for field in fields:
        assert field["message"], field
        assert field["id"] in field["describedBy"], field
    assert fields[0]["focused"], "focus should move to the first field in error"
    assert not any(field["focused"] for field in fields[1:])
    screenshot(page, "journey-family-errors")

    page.get_by_label("Your name").fill("Sam Rivera")
    page.get_by_role("textbox", name="Email address").fill("sam.rivera@example")
    page.get_by_label("A loved one").check()
    page.get_by_label(re.compile("admissions team may contact me")).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Send my inquiry").click()

    # The second mistake: what they typed is all still there.
    email = page.get_by_role("textbox", name="Email address")
    expect(email).to_be_focused()
    expect(email).to_have_value("sam.rivera@example")
    expect(page.get_by_label("Your name")).to_have_value("Sam Rivera")
    expect(page.get_by_label("A loved one")).to_be_checked()
    screenshot(page, "contact-error-state")
    email.fill("sam.rivera@example.com")
    with page.expect_navigation():
        page.get_by_role("button", name="Send my inquiry").click()

    expect(page).to_have_url(
        live_server.url + site_path(contact) + contact.reverse_subpage("thank_you")
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you")
    phone = center()
    expect(
        page.locator(f'main a[href="{phone.admissions_phone_href}"]').first
    ).to_contain_text(phone.admissions_phone_display)
    inquiry = Inquiry.objects.get(email="sam.rivera@example.com")
    assert inquiry.name == "Sam Rivera"
    assert inquiry.help_for == Inquiry.HelpFor.LOVED_ONE
    assert inquiry.status == Inquiry.Status.NEW
    assert (inquiry.utm_source, inquiry.utm_campaign) == ("newsletter", "spring")


# Marks every link and control of the header, the menu and the inquiry form
# (radios by group: Tab stops once per group) and returns how each looks
# unfocused, to compare with how it looks focused.
MARK_CONTROLS = """() => {
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea';
    const scopes = document.querySelectorAll('header, #site-menu, form.inquiry-form');
    const seen = new Set();
    const controls = [];
    scopes.forEach((scope) => scope.querySelectorAll(selector).forEach((el) => {
        if (seen.has(el) || el.disabled || el.getAttribute('tabindex') === '-1') return;
        seen.add(el);
        el.dataset.kb = el.type === 'radio' ? 'radio:' + el.name : 'kb' + seen.size;
        const style = getComputedStyle(el);
        controls.push({
            key: el.dataset.kb,
            label: (el.textContent || el.name || el.id).trim().slice(0, 60),
            look: [style.outlineStyle, style.outlineWidth, style.boxShadow].join('|'),
        });
    }));
    return controls;
}"""
FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || !el.dataset.kb) return null;
    const style = getComputedStyle(el);
    return {
        key: el.dataset.kb,
        type: el.type || '',
        classes: el.className,
        expanded: el.getAttribute('aria-expanded'),
        checked: !!el.checked,
        sendsInquiry: el.type === 'submit' && !!el.closest('form.inquiry-form'),
        look: [style.outlineStyle, style.outlineWidth, style.boxShadow].join('|'),
        outlined: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    };
}"""
SHOWN = """() => [...document.querySelectorAll('[data-kb]')]
    .filter((el) => el.checkVisibility({visibilityProperty: true}))
    .map((el) => el.dataset.kb)"""


def test_keyboard_user_reaches_sees_and_uses_every_header_menu_and_form_control(
    page, live_server
):
    page.set_viewport_size(PHONE)
    contact = live_page("contact.contactpage")
    page.goto(live_server.url + site_path(contact))
    unfocused = {c["key"]: c for c in page.evaluate(MARK_CONTROLS)}

    reached, invisible_focus = set(), []
    for _ in range(200):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            continue
        key = focused["key"]
        reached.add(key)
        if focused["look"] == unfocused[key]["look"] and not focused["outlined"]:
            invisible_focus.append(unfocused[key]["label"])
        if "menu-toggle" in focused["classes"] and focused["expanded"] == "false":
            page.keyboard.press("Enter")
            expect(page.locator(".menu-toggle--button")).to_have_attribute(
                "aria-expanded", "true"
            )
            reached.add(page.evaluate(FOCUSED)["key"])
        elif focused["expanded"] == "false":
            page.keyboard.press("Enter")  # a menu section: show its links
            expect(page.locator(f'[data-kb="{key}"]')).to_have_attribute(
                "aria-expanded", "true"
            )
        elif focused["type"] in {"radio", "checkbox"} and not focused["checked"]:
            page.keyboard.press("Space")
            assert page.evaluate("document.activeElement.checked"), key
        elif focused["sendsInquiry"]:
            break

    missed = [
        unfocused[key]["label"] for key in page.evaluate(SHOWN) if key not in reached
    ]
    assert not missed, f"not reachable with Tab: {missed}"
    assert not invisible_focus, f"no visible focus indicator: {invisible_focus}"

    # Enter on the send button sends the form (still missing a name: errors).
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".error-summary")).to_be_visible()

    # Space closes the menu from its toggle; Enter follows the skip link.
    page.locator(".menu-toggle--button").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#site-menu")).to_be_visible()
    page.locator(".menu-toggle--button").focus()
    page.keyboard.press("Space")
    expect(page.locator("#site-menu")).to_be_hidden()
    page.locator(".skip-link").focus()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
