from django.apps import apps
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from wagtail import blocks
from wagtail.fields import StreamField

import pytest

from core.blocks import BodyStreamBlock, CallToActionBlock
from core.rich_text import insert_admissions_phone


def render_body(blocks, center):
    stream_block = BodyStreamBlock()
    value = stream_block.to_python([{"type": t, "value": v} for t, v in blocks])
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    return stream_block.render(value, context={"request": request})


def test_phone_token_becomes_the_admissions_number_from_settings(center):
    center.admissions_phone = "617.555.0100"
    center.save()
    html = render_body([("rich_text", "<p>Call us today at [phone].</p>")], center)
    assert 'Call us today at <a href="tel:+16175550100">617.555.0100</a>.' in html
    assert "[phone]" not in html


def test_phone_token_inside_a_link_stays_plain_text_and_attributes_untouched():
    class Center:
        admissions_phone_href = "tel:+18662761920"
        admissions_phone_display = "866.276.1920"

    html = insert_admissions_phone(
        '<p><a href="/x/?q=[phone]">ring [phone]</a> or [phone]</p>', Center()
    )
    assert html == (
        '<p><a href="/x/?q=[phone]">ring 866.276.1920</a> or '
        '<a href="tel:+18662761920">866.276.1920</a></p>'
    )


def test_call_to_action_button_dials_the_setting_number(center):
    html = render_body(
        [("call_to_action", {"text": "<p>We answer 24/7.</p>", "action": "call"})],
        center,
    )
    assert 'href="tel:+18662761920"' in html
    assert "Call 866.276.1920" in html


def test_call_to_action_to_a_page_needs_a_page():
    block = CallToActionBlock()
    value = block.to_python({"text": "", "action": "page", "page": None})
    with pytest.raises(ValidationError):
        block.clean(value)


def test_heading_gets_an_anchor_from_its_text(center):
    html = render_body(
        [("heading", {"text": "Treating Co-Occurring Conditions", "level": "h3"})],
        center,
    )
    assert '<h3 id="treating-co-occurring-conditions">' in html


def test_faq_sources_and_callout_render(center):
    center.crisis_lines = [
        ("crisis_line", {"name": "988 Lifeline", "phone": "988", "note": ""})
    ]
    center.save()
    html = render_body(
        [
            (
                "faq",
                {
                    "heading": "Questions",
                    "questions": [
                        {"question": "Is it private?", "answer": "<p>Yes.</p>"}
                    ],
                },
            ),
            (
                "sources",
                {
                    "heading": "Sources",
                    "sources": [
                        {
                            "title": "Mental health and substance use",
                            "publisher": "National Institute of Mental Health",
                            "url": "https://www.nimh.nih.gov/",
                        }
                    ],
                },
            ),
            (
                "callout",
                {
                    "tone": "crisis",
                    "heading": "In crisis?",
                    "text": "<p>Help now.</p>",
                    "show_crisis_lines": True,
                },
            ),
        ],
        center,
    )
    assert "<summary>Is it private?</summary>" in html
    assert (
        '<a href="https://www.nimh.nih.gov/">Mental health and substance use</a>'
        in html
    )
    assert 'href="tel:911"' in html
    assert 'href="tel:988"' in html


def test_phone_token_renders_without_a_request(center):
    """Feeds, emails and previews render blocks with no request to hand."""
    stream_block = BodyStreamBlock()
    value = stream_block.to_python(
        [{"type": "rich_text", "value": "<p>Call [phone].</p>"}]
    )
    html = stream_block.render(value)
    assert '<a href="tel:+18662761920">866.276.1920</a>' in html


def nested_labels(block, path):
    """Every path of labels an editor reads from a block down to its fields."""
    children = getattr(block, "child_blocks", None)
    if isinstance(block, blocks.ListBlock):
        children = {"item": block.child_block}
    yield path
    for child in (children or {}).values():
        yield from nested_labels(child, [*path, str(child.label)])


def test_no_block_field_repeats_the_label_of_the_block_it_sits_in():
    # "Image › Image › Image*" told an editor nothing about where they were.
    repeated = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not isinstance(field, StreamField):
                continue
            for child in field.stream_block.child_blocks.values():
                for path in nested_labels(child, [str(child.label)]):
                    if len(path) > 1 and path[-1] == path[-2]:
                        repeated.add(" › ".join(path))
    assert not repeated
