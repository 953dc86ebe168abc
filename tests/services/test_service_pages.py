from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import ReferenceIndex, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from articles.models import ArticleIndexPage
from core import generation
from home.models import HomePage
from services.models import LevelOfCare, ServiceIndexPage, ServicePage
from tests.articles.conftest import make_article
from tests.pages import make_service, make_service_index


@pytest.fixture
def programs(home_page):
    return make_service_index(home_page)


@pytest.fixture
def articles(home_page):
    index = ArticleIndexPage(title="Articles", slug="articles")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def linking_article(index, service, **overrides):
    """An article whose text links to `service`, as the seed article does."""
    article = make_article(
        index,
        body=[
            (
                "rich_text",
                f'<p>Call about <a linktype="page" id="{service.pk}">heroin rehab '
                "in Waltham, MA</a>.</p>",
            )
        ],
        **overrides,
    )
    # Saving queues the reference-index update until the test's transaction
    # commits, which never happens here; do now what the task would do.
    ReferenceIndex.create_or_update_for_object(article)
    return article


def test_page_tree_is_locked():
    case = WagtailPageTestCase()
    case.assertAllowedParentPageTypes(ServiceIndexPage, {HomePage})
    case.assertAllowedSubpageTypes(ServiceIndexPage, {ServicePage})
    case.assertAllowedParentPageTypes(ServicePage, {ServiceIndexPage})
    case.assertAllowedSubpageTypes(ServicePage, set())


def test_an_editor_can_create_a_service_page_in_the_admin(admin_client, programs):
    case = WagtailPageTestCase()
    case.client = admin_client
    levels = LevelOfCare.objects.filter(slug__in=["residential", "outpatient"])
    case.assertCanCreate(
        programs,
        ServicePage,
        {
            **nested_form_data(
                {
                    "title": "Trauma therapy",
                    "slug": "trauma-therapy",
                    "summary": "Therapy that helps people heal from trauma.",
                    "body": streamfield(
                        [("rich_text", rich_text("<p>Call us at [phone].</p>"))]
                    ),
                }
            ),
            # Ticked checkboxes: one form value per level.
            "levels_of_care": [level.pk for level in levels],
        },
    )
    page = ServicePage.objects.get(slug="trauma-therapy")
    assert page.live
    assert set(page.levels_of_care.all()) == set(levels)


def test_levels_of_care_are_the_five_in_clinical_order(db):
    assert list(LevelOfCare.objects.values_list("slug", flat=True)) == [
        "detox",
        "residential",
        "partial-hospitalization",
        "intensive-outpatient",
        "outpatient",
    ]


def test_service_page_shows_summary_body_and_levels_in_order(client, programs, center):
    levels = LevelOfCare.objects.filter(slug__in=["outpatient", "detox"])
    make_service(programs, "Opioid detox", levels=levels)
    html = client.get("/treatment-programs/opioid-detox/").content.decode()
    assert "<h1>Opioid detox</h1>" in html
    assert html.count("<h1") == 1
    assert "Opioid detox at Evoke Wellness at Waltham." in html
    assert "How opioid detox works here." in html
    assert html.index("Medical detox") < html.index("Outpatient")
    assert "Residential treatment" not in html


def test_service_lists_the_live_articles_that_link_to_it(
    client, programs, articles, center
):
    rehab = make_service(programs, "Heroin rehab", slug="heroin-rehab")
    other = make_service(programs, "Group therapy")
    linking = linking_article(articles, rehab, title="Heroin and depression")
    linking_article(articles, rehab, title="A draft", publish=False)
    linking_article(articles, other, title="About groups")
    make_article(articles, title="Unrelated")

    assert rehab.related_articles() == [linking]
    html = client.get("/treatment-programs/heroin-rehab/").content.decode()
    assert '<h2 id="related-heading">Articles about heroin rehab</h2>' in html
    assert f'href="{linking.url}">Heroin and depression</a>' in html
    for title in ["A draft", "About groups", "Unrelated"]:
        assert title not in html


def test_a_program_lists_an_article_once_not_its_copy_at_another_center(
    programs, articles, home_page
):
    rehab = make_service(programs, "Heroin rehab", slug="heroin-rehab")
    linking = linking_article(articles, rehab, title="Heroin and depression")
    cohasset = HomePage(title="Evoke Wellness at Cohasset", slug="cohasset")
    home_page.get_parent().add_child(instance=cohasset)
    Site.objects.create(hostname="cohasset.localhost", root_page=cohasset)
    cohasset_articles = ArticleIndexPage(title="Articles", slug="articles")
    cohasset.add_child(instance=cohasset_articles)
    # As the article library shows an article at another center.
    copy = linking.create_alias(parent=cohasset_articles)
    ReferenceIndex.create_or_update_for_object(copy)

    assert rehab.related_articles() == [linking]


def test_service_page_queries_do_not_grow_with_related_articles(
    client, programs, articles, center, django_assert_max_num_queries
):
    rehab = make_service(programs, "Heroin rehab", slug="heroin-rehab")
    counts = []
    for total in (1, 6):
        while len(rehab.related_articles()) < total:
            linking_article(articles, rehab)
        client.get(rehab.url)  # warm the menu cache
        generation.bump_now()  # render the program's content in full
        # +3 since Spanish pages, once per content generation: Wagtail's routing
        # finds the active locale; the language switcher reads the locales and
        # this page's translations (core.languages).
        with django_assert_max_num_queries(19) as captured:
            response = client.get(rehab.url)
        assert response.status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]


def test_related_articles_lookup_does_not_grow_with_linking_articles(
    programs, articles
):
    """The main program is linked from thousands of articles: the lookup sends
    the same SQL for 2 or 12 of them (no list of ids), stops at the newest six
    and lists them newest first."""
    rehab = make_service(programs, "Heroin rehab", slug="heroin-rehab")
    linking = []
    sql = []
    for total in (2, 12):
        while len(linking) < total:
            linking.append(linking_article(articles, rehab))
        with CaptureQueriesContext(connection) as captured:
            listed = rehab.related_articles()
        assert listed == linking[::-1][:6]
        sql.append([query["sql"] for query in captured.captured_queries])
    assert sql[0] == sql[1]


def test_service_index_lists_its_programs_in_fixed_queries(
    client, programs, center, django_assert_max_num_queries
):
    counts = []
    for total in (1, 6):
        while ServicePage.objects.count() < total:
            make_service(programs, f"Therapy {ServicePage.objects.count()}")
        client.get(programs.url)
        generation.bump_now()  # measure a full render of the list
        # +3 since Spanish pages, once per content generation: Wagtail's routing
        # finds the active locale; the language switcher reads the locales and
        # this page's translations (core.languages).
        with django_assert_max_num_queries(15) as captured:
            html = client.get(programs.url).content.decode()
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
    assert "Therapy 5" in html
