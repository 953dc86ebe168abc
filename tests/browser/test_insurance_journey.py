"""A family checks their insurance coverage on a phone, by keyboard alone.

The three steps of /verify-insurance/ are plain posts checked on the server, so
the journey is driven twice: with the page's scripts and with JavaScript
switched off in the browser. Every answer is typed, every choice made and every
button pressed with the keyboard (Tab, Shift+Tab, arrows, Space, Enter); only
the card photo is handed to the focused file input, as choosing a file needs the
system's own dialog. Each Tab must land on the next control of the step, in the
order they are shown; with JavaScript on (the page can then be measured) each
focused control must also show a focus indicator and not be hidden by the
phone's call bar. Back from step 2 and from step 3 must bring every answer
back, and Back from step 3 must not upload the card photo.

Then every step, each step sent back empty and the thank-you page pass axe-core
(WCAG 2.2 AA) at a phone and a desktop size, the Nu HTML Checker, and give each
control a name of its own.
"""

import io
import re

from wagtail.models import Site

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image
from playwright.sync_api import expect

from contact.models import Inquiry
from core.models import CenterSettings
from insurance.models import Insurer

from .conftest import ARTIFACTS, DESKTOP, PHONE, SCREENSHOTS, screenshot
from .site_pages import first_live_page, site_path
from .test_accessible_names import controls, shared_names
from .test_html_validity import html_errors

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
axe = Axe()

# How the focused control looks: a focus indicator of at least 2px, and which
# points of a 3 by 3 grid over it show the control itself, not the phone's call
# bar or anything else laid over it (or nothing, off the screen).
FOCUS_SEEN = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    const box = el.getBoundingClientRect();
    const seen = [], covers = new Set();
    for (const fx of [0.15, 0.5, 0.85]) for (const fy of [0.15, 0.5, 0.85]) {
        const x = box.left + box.width * fx, y = box.top + box.height * fy;
        const top = y >= 0 && y < innerHeight && x >= 0 && x < innerWidth
            ? document.elementFromPoint(x, y) : null;
        // A round radio's corner is its label, which is part of the target.
        const itself = top && (el.contains(top) || [...(el.labels || [])].includes(top));
        seen.push(!!itself);
        if (top && !itself) covers.add(top.className || top.tagName);
    }
    return {
        indicator: outlined || style.boxShadow !== "none",
        seen: seen,
        covers: [...covers],
        box: [Math.round(box.top), Math.round(box.bottom), innerHeight],
    };
}"""
# Controls of the form smaller than 24 by 24 CSS pixels (WCAG 2.5.8), counting a
# radio or checkbox by its label, which is the target people press.
SMALL_TARGETS = """() => [...document.querySelectorAll(
        'form.verify-form :is(input:not([type=hidden]), select, textarea, button)')]
    .filter((el) => !el.closest('[aria-hidden=true]'))
    .map((el) => {
        const target = ['radio', 'checkbox'].includes(el.type) ? el.closest('label') : el;
        const box = target.getBoundingClientRect();
        return {name: el.id || el.textContent.trim(), width: box.width, height: box.height};
    })
    .filter((box) => box.width < 24 || box.height < 24)"""


def center():
    return CenterSettings.for_site(Site.objects.get(is_default_site=True))


def card_photo(name="card-front.jpg"):
    """A JPEG of a card, as a phone's camera would hand it over."""
    image = Image.new("RGB", (1200, 760), (30, 90, 160))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return {"name": name, "mimeType": "image/jpeg", "buffer": buffer.getvalue()}


@pytest.fixture(autouse=True)
def _cards_and_pace(settings, tmp_path):
    # The live server runs in this process: it stores the photos here.
    settings.INSURANCE_CARD_ROOT = tmp_path / "insurance-cards"
    # A test types faster than the bot check's minimum fill time allows.
    settings.INQUIRY_MIN_FILL_SECONDS = 0


@pytest.fixture(params=["js", "no-js"])
def phone(request, browser):
    """A phone-sized page, with the page's scripts or with JavaScript switched off.

    Without JavaScript Playwright cannot evaluate anything in the page either:
    the journey reads it through locators and expect() alone.
    """
    context = browser.new_context(
        viewport=PHONE,
        locale="en-US",
        service_workers="block",
        java_script_enabled=request.param == "js",
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.scripts_on = request.param == "js"
    yield page
    context.close()


def focused(page):
    """What has the keyboard's focus: "#id" of a field, "button:Its text" of a
    button, "" for nothing (or a part of a control the page cannot see, such
    as a date input's calendar button)."""
    here = page.locator(":focus")
    if not here.count():
        return ""
    if page.locator("button:focus").count():
        return "button:" + here.first.inner_text().strip()
    return "#" + (here.first.get_attribute("id") or "")


def assert_focus_shown(page):
    """The focused control shows its focus, and is not hidden (WCAG 2.4.11).

    Computed styles and positions need the page's JavaScript; the style sheet
    is the same without it. Chromium scrolls a focused field clear of the
    phone's call bar (the page's scroll-padding), except a text area it finds
    already in view by its first line: the bar may cover the rest of it (2.4.11
    asks only that the focused control is not entirely hidden).
    """
    if not page.scripts_on:
        return
    seen = page.evaluate(FOCUS_SEEN)
    where = focused(page)
    assert seen["indicator"], f"no visible focus indicator on {where}"
    assert any(seen["seen"]), (
        f"{where} has focus but is hidden by {seen['covers'] or 'the screen edge'} "
        f"(its top, bottom and the screen's height: {seen['box']})"
    )
    if page.locator("input:focus, select:focus, button:focus").count():
        # One line high: Chromium scrolls all of it into view.
        assert all(seen["seen"]), (
            f"{where} is partly covered by {seen['covers'] or 'the screen edge'} "
            f"(its top, bottom and the screen's height: {seen['box']})"
        )


def tab(page, expected, *, back=False):
    """Tab (Shift+Tab with back) moves focus on to `expected`, which shows it.

    A date input's month, day, year and calendar button are stops of the one
    input, so Tab may stay on it a few presses.
    """
    key = "Shift+Tab" if back else "Tab"
    before = now = focused(page)
    for _ in range(5):
        page.keyboard.press(key)
        now = focused(page)
        if now not in {before, ""}:
            break
    assert now == expected, f"{key} from {before!r} went to {now!r}, not {expected!r}"
    assert_focus_shown(page)


def tab_until(page, expected, *, limit=80):
    """Tab from where focus is (the top of a new page) until `expected` has it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page) == expected:
            assert_focus_shown(page)
            return
    raise AssertionError(f"Tab never reached {expected!r}")


def snapshot(page, name):
    """A screenshot, taken without the page's JavaScript (it may be off)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-390x844.png"), full_page=True)


def press_and_wait(page, key):
    with page.expect_navigation():
        page.keyboard.press(key)
    page.wait_for_load_state()


def expect_step(page, number):
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Step {number} of 3")
    current = page.locator(".steps-progress [aria-current=step]")
    expect(current).to_have_count(1)
    expect(page.locator(".steps-progress li").nth(number - 1)).to_have_attribute(
        "aria-current", "step"
    )
    expect(page.locator(".error-summary")).to_have_count(0)


def fill_step_1(page):
    tab_until(page, "#id_help_for_0")
    page.keyboard.press("Space")
    expect(page.locator("#id_help_for_0")).to_be_checked()
    # They meant the other choice: the arrow moves to it and picks it.
    page.keyboard.press("ArrowDown")
    assert focused(page) == "#id_help_for_1"
    expect(page.locator("#id_help_for_1")).to_be_checked()
    expect(page.locator("#id_help_for_0")).not_to_be_checked()
    tab(page, "#id_name")
    page.keyboard.type("Jordan Reyes")
    tab(page, "#id_phone")
    page.keyboard.type("(617) 555-0134")
    tab(page, "#id_email")
    # "Any time" is chosen already: Tab lands on it; Evening is three down.
    tab(page, "#id_preferred_contact_time_0")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    assert focused(page) == "#id_preferred_contact_time_3"
    expect(page.locator("#id_preferred_contact_time_3")).to_be_checked()
    tab(page, "button:Continue to step 2")


def expect_step_1_answers(page):
    expect(page.locator("#id_help_for_1")).to_be_checked()
    expect(page.locator("#id_name")).to_have_value("Jordan Reyes")
    expect(page.locator("#id_phone")).to_have_value("(617) 555-0134")
    expect(page.locator("#id_preferred_contact_time_3")).to_be_checked()


def fill_step_2(page, tufts):
    tab_until(page, "#id_insurer")
    # A closed list picks the first choice starting with what is typed.
    page.keyboard.type("Tufts")
    expect(page.locator("#id_insurer")).to_have_value(str(tufts.pk))
    tab(page, "#id_insurer_other")
    tab(page, "#id_member_id")
    page.keyboard.type("XJH123456789")
    tab(page, "#id_group_number")
    page.keyboard.type("GRP-0042")
    tab(page, "#id_holder_name")
    page.keyboard.type("Maria Reyes")
    tab(page, "#id_holder_date_of_birth")
    page.keyboard.type("04271968")  # month, day and year, as a US phone shows them
    expect(page.locator("#id_holder_date_of_birth")).to_have_value("1968-04-27")
    tab(page, "#id_relationship_0")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert focused(page) == "#id_relationship_2"
    expect(page.locator("#id_relationship_2")).to_be_checked()  # parent
    tab(page, "button:Continue to step 3")


def expect_step_2_answers(page, tufts):
    expect(page.locator("#id_insurer")).to_have_value(str(tufts.pk))
    expect(page.locator("#id_member_id")).to_have_value("XJH123456789")
    expect(page.locator("#id_group_number")).to_have_value("GRP-0042")
    expect(page.locator("#id_holder_name")).to_have_value("Maria Reyes")
    expect(page.locator("#id_holder_date_of_birth")).to_have_value("1968-04-27")
    expect(page.locator("#id_relationship_2")).to_be_checked()


def attach_card_front(page):
    tab_until(page, "#id_card_front")
    page.set_input_files("#id_card_front:focus", card_photo())
    assert focused(page) == "#id_card_front"


def fill_step_3(page):
    attach_card_front(page)
    tab(page, "#id_card_back")
    tab(page, "#id_message")
    page.keyboard.type("Please call after 6 pm.")
    tab(page, "#id_consent")
    page.keyboard.press("Space")
    expect(page.locator("#id_consent")).to_be_checked()
    tab(page, "button:Send for verification")


def test_family_checks_coverage_on_a_phone_by_keyboard_alone(
    phone, live_server, request
):
    page = phone
    mode = request.node.callspec.params["phone"]
    tufts = Insurer.objects.get(name="Tufts Health Plan")
    verify = first_live_page("insurance.verifyinsurancepage")
    page.goto(live_server.url + site_path(verify))
    expect_step(page, 1)

    fill_step_1(page)
    press_and_wait(page, "Enter")
    expect_step(page, 2)

    fill_step_2(page, tufts)
    # Back to step 1, with Space on the button after Continue.
    tab(page, "button:Back to step 1")
    press_and_wait(page, "Space")
    expect_step(page, 1)
    expect_step_1_answers(page)
    tab_until(page, "button:Continue to step 2")
    press_and_wait(page, "Enter")
    expect_step(page, 2)
    expect_step_2_answers(page, tufts)
    # Enter in a text box continues too: Continue is the form's first button.
    tab_until(page, "#id_member_id")
    press_and_wait(page, "Enter")
    expect_step(page, 3)
    snapshot(page, f"insurance-journey-step-3-{mode}")

    fill_step_3(page)
    # Back from the last step, with Shift+Tab back from Send to find nothing
    # between the consent box and the buttons.
    tab(page, "#id_consent", back=True)
    tab(page, "button:Send for verification")
    tab(page, "button:Back to step 2")
    with page.expect_request(lambda request: request.method == "POST") as back:
        press_and_wait(page, "Enter")
    # Photos are never kept before sending: Back does not upload them.
    assert "multipart" not in back.value.headers["content-type"]
    assert b"\xff\xd8" not in (back.value.post_data_buffer or b"")
    expect_step(page, 2)
    expect_step_2_answers(page, tufts)
    tab_until(page, "button:Continue to step 3")
    press_and_wait(page, "Enter")
    expect_step(page, 3)
    expect(page.locator("#id_message")).to_have_value("Please call after 6 pm.")
    expect(page.locator("#id_consent")).to_be_checked()
    # A photo is kept only once the form is sent: it is chosen again.
    expect(page.locator("#id_card_front")).to_have_value("")
    attach_card_front(page)
    tab_until(page, "button:Send for verification")
    with page.expect_request(lambda request: request.method == "POST") as sent:
        press_and_wait(page, "Enter")
    assert "multipart/form-data" in sent.value.headers["content-type"]

    expect(page).to_have_url(
        live_server.url + site_path(verify) + verify.reverse_subpage("thank_you")
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you")
    phone_line = center()
    call = page.locator(f'main a[href="{phone_line.admissions_phone_href}"]').first
    expect(call).to_be_visible()
    expect(call).to_contain_text(phone_line.admissions_phone_display)
    snapshot(page, f"insurance-journey-thank-you-{mode}")

    inquiry = Inquiry.objects.get(kind=Inquiry.Kind.INSURANCE)
    assert inquiry.status == Inquiry.Status.NEW
    assert (inquiry.name, inquiry.phone, inquiry.email) == (
        "Jordan Reyes",
        "+16175550134",
        "",
    )
    assert (inquiry.help_for, inquiry.preferred_contact_time) == (
        "loved_one",
        "evening",
    )
    assert inquiry.message == "Please call after 6 pm."
    assert inquiry.consent_to_contact
    details = inquiry.insurance
    assert details.insurer == tufts
    assert (details.member_id, details.group_number) == ("XJH123456789", "GRP-0042")
    assert (details.holder_name, details.holder_date_of_birth) == (
        "Maria Reyes",
        "1968-04-27",
    )
    assert details.relationship == "parent"
    assert details.card_front and not details.card_back


def served_documents(page):
    """The HTML of each document the server sends to `page`, latest last."""
    documents = []

    def keep(response):
        if response.request.resource_type == "document" and (
            response.frame == page.main_frame
        ):
            documents.append(response)

    page.on("response", keep)
    return documents


def axe_report(page):
    results = axe.run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_22_AA},
            "resultTypes": ["violations"],
        },
    )
    return results.generate_report() if results.violations_count else ""


def click_and_wait(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def check_state(page, name, problems):
    """axe at both sizes, a name for every control and targets of 24px or more."""
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        # The call bar moves from the foot of a phone's screen into the header
        # with a transition: judge the layout it settles in.
        page.wait_for_function("() => document.getAnimations().length === 0")
        width = f"{name} at {viewport['width']}px"
        report = axe_report(page)
        if report:
            problems.append(f"axe, {width}:\n{report}")
        shared = shared_names(controls(page.locator("body").aria_snapshot()))
        if shared:
            problems.append(
                f"controls sharing a name (or with none), {width}: {shared}"
            )
        small = page.evaluate(SMALL_TARGETS)
        if small:
            problems.append(f"targets under 24px, {width}: {small}")
    page.set_viewport_size(PHONE)
    screenshot(page, f"insurance-{name}")


def expect_errors(page, number, fields):
    """The step is shown again with an error beside each field, linked above."""
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Step {number} of 3")
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    for field in fields:
        expect(summary.locator(f'a[href="#id_{field}"]')).to_have_count(1)
        expect(page.locator(f"#id_{field}-error")).not_to_be_empty()


def test_every_step_and_its_errors_are_accessible_and_valid_html(
    page, live_server, vnu_jar
):
    tufts = Insurer.objects.get(name="Tufts Health Plan")
    verify = first_live_page("insurance.verifyinsurancepage")
    documents = served_documents(page)
    states, problems = {}, []

    def checked(name):
        states[name] = documents[-1].text()
        check_state(page, name, problems)

    page.goto(live_server.url + site_path(verify))
    checked("step-1")
    click_and_wait(page, "Continue to step 2")
    expect_errors(page, 1, ["help_for", "name", "phone"])
    checked("step-1-errors")

    page.get_by_label("A loved one").check()
    page.get_by_label("Your name").fill("Jordan Reyes")
    page.get_by_label("Phone number").fill("(617) 555-0134")
    click_and_wait(page, "Continue to step 2")
    checked("step-2")
    click_and_wait(page, "Continue to step 3")
    expect_errors(
        page, 2, ["insurer", "member_id", "holder_name", "holder_date_of_birth"]
    )
    checked("step-2-errors")

    page.locator("#id_insurer").select_option(str(tufts.pk))
    page.get_by_label("Member ID").fill("XJH123456789")
    page.get_by_label("Policy holder's full name").fill("Maria Reyes")
    page.get_by_label("Policy holder's date of birth").fill("1968-04-27")
    page.get_by_label("Spouse or partner").check()
    click_and_wait(page, "Continue to step 3")
    checked("step-3")
    click_and_wait(page, "Send for verification")
    expect_errors(page, 3, ["consent"])
    checked("step-3-errors")

    page.get_by_label("Front of the card (optional)").set_input_files(card_photo())
    page.get_by_label(re.compile("admissions team may use these details")).check()
    click_and_wait(page, "Send for verification")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you")
    checked("thank-you")

    folder = ARTIFACTS / "html"
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for name, html in states.items():
        path = folder / f"insurance-journey-{name}.html"
        path.write_text(html, encoding="utf-8")
        files[str(path.resolve())] = name
    problems.extend(html_errors(vnu_jar, files))
    assert not problems, "\n\n".join(problems)
