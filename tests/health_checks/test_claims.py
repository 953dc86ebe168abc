"""Which words of a health page count as a listed claim, and where they are."""

import json

import pytest

from articles.models import ArticlePage
from health_checks.claims import Finding, PhraseList, findings
from health_checks.models import DEFAULT_CLAIM_PHRASES
from services.models import ServiceIndexPage, ServicePage

DEFAULTS = PhraseList(DEFAULT_CLAIM_PHRASES)


@pytest.mark.parametrize(
    "text, found",
    [
        ("We cure addiction.", ["cure"]),
        ("CURED in 30 days", ["cured"]),
        ("A 100% success rate", ["100%", "success rate"]),
        ("The best\n  rehab in Waltham", ["best rehab"]),
        ("<p>the <b>best</b> rehab</p>", ["best rehab"]),
        ("Results guaranteed&nbsp;or your money back", ["guaranteed"]),
        # Whole words only: these are ordinary words with the phrase inside.
        ("A secure place to recover", []),
        ("Curerx pharmacy; incurable; 1100% more", []),
        ("Detox can be uncomfortable; we help with the symptoms.", []),
    ],
)
def test_a_phrase_counts_as_whole_words_whatever_the_capitals(text, found):
    assert DEFAULTS.found_in(text) == found


def test_the_list_ignores_blank_lines_repeats_and_spacing():
    phrases = PhraseList("  Miracle \n\nmiracle\n  best   rehab\n")

    assert [phrase for phrase, _, _ in phrases.phrases] == ["Miracle", "best rehab"]
    assert phrases.found_in("A miracle, the best rehab") == ["Miracle", "best rehab"]


def test_an_empty_list_finds_nothing():
    assert not PhraseList("")
    assert findings(ArticlePage, {"title": "A cure"}, PhraseList("")) == []


@pytest.mark.django_db
def test_each_phrase_is_named_with_the_field_or_body_block_it_is_in():
    article = ArticlePage(
        title="A guaranteed recovery",
        summary="Our success rate is high.",
        body=[
            ("heading", {"text": "Why families choose us", "level": "h2"}),
            ("rich_text", "<p>Detox here is <i>painless</i> detox, and a cure.</p>"),
            (
                "faq",
                {
                    "heading": "Questions",
                    "questions": [
                        {"question": "Is it free rehab?", "answer": "<p>No.</p>"}
                    ],
                },
            ),
            (
                "sources",
                {
                    "heading": "Sources",
                    "sources": [
                        {
                            "title": "Relapse rates",
                            # An address is not text a reader sees.
                            "url": "https://example.org/cure",
                        }
                    ],
                },
            ),
        ],
    )

    assert findings(ArticlePage, article, DEFAULTS) == [
        Finding("guaranteed", "Title"),
        Finding("success rate", "Summary"),
        Finding("cure", "Body, block 2 (Text)"),
        Finding("painless detox", "Body, block 2 (Text)"),
        Finding("free rehab", "Body, block 3 (FAQ)"),
    ]


@pytest.mark.django_db
def test_programs_and_the_programs_index_are_checked_too():
    program = ServicePage(title="Miracle detox", summary="x", body=[])
    index = ServiceIndexPage(title="Programs", introduction="The best rehab around.")

    assert findings(ServicePage, program, DEFAULTS) == [Finding("miracle", "Title")]
    assert findings(ServiceIndexPage, index, DEFAULTS) == [
        Finding("best rehab", "Introduction")
    ]


@pytest.mark.django_db
def test_a_draft_is_read_as_its_revision_keeps_it_alt_text_and_caption_too():
    # A revision keeps the body as JSON text; the image is only its id.
    body = [
        {
            "type": "image",
            "id": "1",
            "value": {
                "image": {
                    "image": 7,
                    "alt_text": "A cured client",
                    "decorative": False,
                },
                "caption": "Painless detox suites",
            },
        },
        {"type": "heading", "id": "2", "value": {"text": "Cure", "anchor": "cure"}},
    ]
    revision_content = {"title": "Rooms", "summary": "", "body": json.dumps(body)}

    assert findings(ArticlePage, revision_content, DEFAULTS) == [
        Finding("cured", "Body, block 1 (Image)"),
        Finding("painless detox", "Body, block 1 (Image)"),
        Finding("cure", "Body, block 2 (Heading)"),
    ]
