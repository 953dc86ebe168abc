from wagtail.contrib.search_promotions.models import SearchPromotion

import pytest

from site_search import demo
from tests.pages import make_standard_page

pytestmark = pytest.mark.django_db


def test_demo_promotions_are_loaded_once(site, home_page):
    make_standard_page(home_page, "Insurance", slug="insurance")
    make_standard_page(home_page, "Admissions process", slug="admissions")
    messages = []

    demo.load(site, messages.append)
    demo.load(site, messages.append)

    assert len(messages) == 3
    assert sorted(
        SearchPromotion.objects.values_list("query__query_string", "page__slug")
    ) == [
        ("admissions", "admissions"),
        ("cost", "insurance"),
        ("insurance", "insurance"),
    ]


def test_demo_promotions_skip_missing_pages(site):
    demo.load(site, print)

    assert not SearchPromotion.objects.exists()
