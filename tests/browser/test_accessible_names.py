"""Every control on a public page has a name of its own.

Voice-control users say a control's name to use it ("click Email") and
screen-reader users pick controls from a list of names: two controls with one
name (a text box and a radio both called "Email") cannot be told apart. Names
are read from Chromium's accessibility tree (Playwright's ARIA snapshot), at a
phone and a desktop size. Links with the same name to the same address do the
same thing (the header's and the hero's "Call 866.276.1920"), so they may share
it.
"""

import re
from collections import defaultdict

import pytest

from .conftest import DESKTOP, PHONE
from .site_pages import open_case, page_cases, spanish_page_cases

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CONTROL_ROLES = {
    "button",
    "checkbox",
    "combobox",
    "link",
    "listbox",
    "menuitem",
    "radio",
    "searchbox",
    "slider",
    "spinbutton",
    "switch",
    "tab",
    "textbox",
}
NODE = re.compile(
    r'^(?P<indent>\s*)- (?P<role>[a-z]+)(?: "(?P<name>(?:[^"\\]|\\.)*)")?'
)
URL = re.compile(r"^\s*- /url: (?P<url>.*)$")


def controls(snapshot):
    """(role, name, url) of each control in an ARIA snapshot."""
    found = []
    for line in snapshot.splitlines():
        url = URL.match(line)
        if url and found and found[-1][0] == "link" and found[-1][2] is None:
            found[-1] = ("link", found[-1][1], url.group("url").strip())
            continue
        node = NODE.match(line)
        if node and node.group("role") in CONTROL_ROLES:
            found.append((node.group("role"), node.group("name") or "", None))
    return found


def shared_names(found):
    by_name = defaultdict(set)
    for role, name, url in found:
        by_name[" ".join(name.lower().split())].add((role, url))
    return {
        name: sorted(uses, key=str)
        for name, uses in by_name.items()
        if len(uses) > 1 or not name
    }


def test_the_snapshot_reader_finds_a_shared_name():
    snapshot = """- textbox "Email"
- radio "Email"
- link "Call 866.276.1920":
  - /url: tel:+18662761920
- link "Call 866.276.1920":
  - /url: tel:+18662761920"""
    assert shared_names(controls(snapshot)) == {
        "email": [("radio", None), ("textbox", None)]
    }


CASES = page_cases() + spanish_page_cases()


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_every_control_has_a_name_of_its_own(case, page, live_server):
    problems = {}
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        open_case(page, live_server.url, case)
        found = controls(page.locator("body").aria_snapshot())
        assert found, "the snapshot lists the page's controls"
        shared = shared_names(found)
        if shared:
            problems[f"{viewport['width']}px"] = shared
    assert not problems, f"controls sharing a name (or with none): {problems}"
