"""The old WordPress site, imported into the demo site, read in a real browser:
the imported article shows its pictures and passes axe-core, and an old
address still leads to it."""

import io

from django.core.management import call_command

import pytest

from tests.wordpress_import.conftest import EXPORT, UPLOADS

from .conftest import DESKTOP, PHONE, screenshot
from .test_pages import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def imported_site(tmp_path):
    call_command(
        "import_wordpress",
        str(EXPORT),
        "--uploads",
        str(UPLOADS),
        "--report",
        str(tmp_path / "report.csv"),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )


def test_imported_article_shows_its_images_and_is_accessible(
    imported_site, page, live_server, network
):
    # A reader follows an old link to the article.
    response = page.goto(live_server.url + "/2024/05/understanding-opioid-withdrawal/")
    assert response.ok
    assert page.url.endswith("/understanding-opioid-withdrawal/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Understanding Opioid Withdrawal"
    )
    assert page.get_by_role("heading", name="Common symptoms").is_visible()
    body_image = page.get_by_role(
        "img", name="A quiet room with two armchairs", exact=True
    )
    body_image.scroll_into_view_if_needed()
    body_image.wait_for()

    problems = []
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        page.reload()
        screenshot(page, "wordpress-imported-article")
        # Every picture on the page (hero and body) has loaded.
        broken = page.evaluate(
            """() => [...document.images]
                .filter((img) => !img.complete || img.naturalWidth === 0)
                .map((img) => img.currentSrc || img.src)"""
        )
        if broken:
            problems.append(f"images not shown at {viewport['width']}px: {broken}")
        report = axe_violations(page)
        if report:
            problems.append(f"axe at {viewport['width']}px:\n{report}")
    assert page.locator("figure.body-image figcaption").first.inner_text() == (
        "Every detox suite is private."
    )
    assert page.locator("script:not([src])").filter(has_text="tracking").count() == 0
    assert page.locator("iframe").count() == 0
    assert not network.foreign(), network.foreign()
    assert not problems, "\n\n".join(problems)
