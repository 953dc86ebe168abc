import datetime
import json
import re

from django.core.cache import cache

import pytest

from articles.models import ArticlePage
from core.demo import make_image
from people.models import Person
from tests.pages import publish
from tests.site_search import conftest as search_fixtures

JSON_LD = re.compile(
    r'<script type="application/ld\+json">(?P<data>.*?)</script>', re.DOTALL
)


def json_ld(response):
    """Every JSON-LD object on a page, parsed, keyed by its @type."""
    assert response.status_code == 200
    found = {}
    for match in JSON_LD.finditer(response.content.decode()):
        data = json.loads(match["data"])
        found.setdefault(data["@type"], []).append(data)
    return found


def picture(title):
    """A small generated image; big enough for the share-card renditions."""
    return make_image(
        title, ((10, 80, 99), (220, 230, 240)), alt_text=f"{title}, described"
    )


FAQ_BODY = [
    {"type": "rich_text", "value": "<p>What to expect.</p>"},
    {
        "type": "faq",
        "value": {
            "heading": "Questions",
            "questions": [
                {
                    "question": "Does insurance cover rehab?",
                    "answer": "<p>Most plans do. Call <b>[phone]</b> to check.</p>",
                },
                {"question": "Can my family visit?", "answer": "<p>Yes, weekly.</p>"},
            ],
        },
    },
]


@pytest.fixture(autouse=True)
def fresh_cache():
    """Wagtail caches renditions by image id, and ids are reused after each
    test's rollback: each test starts without another test's renditions."""
    cache.clear()
    yield
    cache.clear()


# The same article index as the search tests use.
article_index = search_fixtures.article_index


@pytest.fixture
def reviewed_article(article_index):
    author = Person.objects.create(name="Sam Ortiz", role="Writer")
    reviewer = Person.objects.create(
        name="Dana Reyes", credentials="MD", role="Medical Director"
    )
    return publish(
        article_index,
        ArticlePage(
            title="How Heroin Can Lead to Depression",
            slug="heroin-and-depression",
            summary="Heroin changes the brain in ways that can lead to depression.",
            hero_image=picture("Man leaning on a wall"),
            body=json.dumps(FAQ_BODY),
            author=author,
            medical_reviewer=reviewer,
            last_reviewed=datetime.date(2026, 3, 14),
        ),
    )
