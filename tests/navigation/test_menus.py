import re

from django.core.exceptions import ValidationError

import pytest

from core import frontend_cache, languages
from navigation.blocks import LinkBlock
from tests.navigation.factories import link, make_page, section, set_menu


def menu_html(html):
    return re.search(r'<nav class="menu".*?</nav>', html, re.S).group(0)


@pytest.fixture
def programs(home_page, center):
    index = make_page(home_page, "Treatment programs", slug="programs")
    rehab = make_page(index, "Heroin rehab", slug="heroin-rehab")
    detox = make_page(index, "Opioid detox", slug="opioid-detox")
    about = make_page(home_page, "About us", slug="about")
    return {"index": index, "rehab": rehab, "detox": detox, "about": about}


def test_menu_shows_editor_labels_in_editor_order_with_children(client, site, programs):
    set_menu(
        site,
        [
            section(programs["about"], text="Who we are"),
            section(
                programs["index"],
                children=[link(programs["detox"]), link(programs["rehab"])],
            ),
            section(url="https://findtreatment.gov/", text="Find treatment"),
        ],
    )
    nav = menu_html(client.get("/").content.decode())
    assert nav.index("Who we are") < nav.index("Treatment programs")
    assert nav.index('href="/programs/opioid-detox/"') < nav.index(
        'href="/programs/heroin-rehab/"'
    )
    assert 'href="https://findtreatment.gov/"' in nav
    assert ">About us<" not in nav


def test_current_page_and_its_section_are_marked(client, site, programs):
    set_menu(
        site,
        [
            section(programs["about"]),
            section(programs["index"], children=[link(programs["rehab"])]),
        ],
    )
    nav = menu_html(client.get("/programs/heroin-rehab/").content.decode())
    assert '<a class="menu__link" href="/programs/" aria-current="true">' in nav
    assert 'href="/programs/heroin-rehab/" aria-current="page"' in nav
    assert 'href="/about/" aria-current' not in nav

    nav = menu_html(client.get("/about/").content.decode())
    assert 'href="/about/" aria-current="page"' in nav
    assert "aria-current" not in nav.replace('href="/about/" aria-current', "")


def test_unpublished_and_deleted_pages_drop_out_of_the_menu(client, site, programs):
    set_menu(
        site,
        [
            section(programs["index"], children=[link(programs["rehab"])]),
            section(programs["about"]),
        ],
    )
    programs["rehab"].unpublish()
    programs["about"].delete()
    nav = menu_html(client.get("/").content.decode())
    assert 'href="/programs/"' in nav
    assert "heroin-rehab" not in nav
    assert "/about/" not in nav


def test_a_renamed_page_shows_its_new_title_in_the_cached_menu(
    client, site, programs, committed
):
    set_menu(site, [section(programs["about"])])
    assert "About us" in menu_html(client.get("/").content.decode())
    about = programs["about"]
    with committed():
        about.title = "About Evoke Wellness"
        about.save_revision().publish()
    assert "About Evoke Wellness" in menu_html(client.get("/").content.decode())


def test_footer_links_render_in_order(client, site, programs):
    set_menu(
        site,
        footer=[link(programs["about"], text="About"), link(programs["index"])],
    )
    html = client.get("/").content.decode()
    footer = re.search(r'<nav class="footer-links".*?</nav>', html, re.S).group(0)
    assert footer.index('href="/about/">About<') < footer.index(
        'href="/programs/">Treatment programs<'
    )


def test_a_link_needs_a_page_or_an_address_and_external_links_need_text(programs):
    block = LinkBlock()
    about = programs["about"].pk
    external = "https://findtreatment.gov/"
    for raw in [
        {"page": None, "url": "", "link_text": "Nowhere"},
        {"page": None, "url": external, "link_text": ""},
        {"page": about, "url": external, "link_text": "Both"},
    ]:
        with pytest.raises(ValidationError):
            block.clean(block.to_python(raw))
    assert block.clean(block.to_python({"page": about, "url": "", "link_text": ""}))


def build_menu(home_page, site, size, prefix):
    sections = []
    for i in range(size):
        parent = make_page(home_page, f"{prefix} section {i}")
        children = [make_page(parent, f"{prefix} child {i}-{j}") for j in range(size)]
        sections.append(section(parent, children=[link(c) for c in children]))
    set_menu(site, sections, footer=[link(s["page"]) for s in sections])


def queries_for(client, url, django_assert_max_num_queries, bound):
    with django_assert_max_num_queries(bound) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_menu_costs_the_same_queries_for_few_or_many_entries(
    client, site, home_page, center, django_assert_max_num_queries
):
    from django.core.cache import cache

    counts = {}
    languages.locale_codes()  # read once per process
    for size in (1, 5):
        build_menu(home_page, site, size, prefix=f"m{size}")
        cache.clear()
        # The first view builds the menu: the settings row and one page query
        # per level (and the header finds the insurance verification page;
        # and, once per content generation, Wagtail's routing finds the
        # active locale and the language switcher reads the locales and the
        # page's translations).
        # The next views take it from the cache.
        built = queries_for(client, "/", django_assert_max_num_queries, 15)
        cached = queries_for(client, "/", django_assert_max_num_queries, 8)
        counts[size] = (built, cached)
        assert cached < built
    assert counts[1] == counts[5]


def test_publishing_a_page_linked_from_a_menu_clears_the_front_cache(
    site, programs, settings, monkeypatch
):
    # Every cached page of the site shows the menu, so a change to a linked
    # page's title or address must clear the site; other pages leave it alone.
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:9",
        }
    }
    bans = []
    monkeypatch.setattr(frontend_cache, "ban_site", bans.append)
    set_menu(site, [section(programs["index"], children=[link(programs["rehab"])])])
    bans.clear()  # saving the menu itself clears it too (core.frontend_cache)
    programs["detox"].save_revision().publish()
    assert bans == []
    programs["rehab"].title = "Heroin addiction treatment"
    programs["rehab"].save_revision().publish()
    assert bans == [site]
