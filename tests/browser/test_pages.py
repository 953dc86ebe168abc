"""Quality gates on every public page type: accessibility, own-host only, pictures."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import DESKTOP, PHONE, screenshot
from .site_pages import (
    EXPECTED_PAGE_TYPES,
    open_case,
    page_cases,
    page_type_labels,
    spanish_page_cases,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CASES = page_cases() + spanish_page_cases()
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
axe = Axe()


def axe_violations(page):
    results = axe.run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_22_AA},
            "resultTypes": ["violations"],
        },
    )
    if results.violations_count:
        return results.generate_report()
    return ""


def test_site_has_every_expected_page_type():
    assert set(EXPECTED_PAGE_TYPES) <= set(page_type_labels())


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_page_is_accessible_and_loads_nothing_from_other_hosts(
    case, page, live_server, network
):
    problems = []
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        open_case(page, live_server.url, case)
        screenshot(page, case.name)
        report = axe_violations(page)
        if report:
            problems.append(f"axe at {viewport['width']}px:\n{report}")
    foreign = network.foreign()
    if foreign:
        problems.append("requests to other hosts:\n" + "\n".join(foreign))
    assert not problems, "\n\n".join(problems)
