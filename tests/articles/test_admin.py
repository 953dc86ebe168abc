from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from articles.models import ArticlePage
from core.blocks import BODY_RICH_TEXT_FEATURES
from tests.articles.conftest import make_article, make_picture


def text(html):
    return rich_text(html, features=BODY_RICH_TEXT_FEATURES)


def list_items(items):
    """Form data for a ListBlock: one entry per item."""
    data = {
        str(index): {"value": item, "deleted": "", "order": str(index), "id": ""}
        for index, item in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def article_form(body, categories=(), **fields):
    data = nested_form_data(
        {
            "title": "Every block",
            "slug": "every-block",
            "summary": "An article using each body block.",
            "body": streamfield(body),
            "related_links": inline_formset([]),
            "tags": "",
            **fields,
        }
    )
    # A multiple choice is a repeated key; nested_form_data would number it.
    data["categories"] = [str(category.pk) for category in categories]
    return data


def every_body_block(image, linked_page):
    """Form data for a body using each block type once."""
    return [
        ("heading", {"text": "How are they connected?", "level": "h2", "anchor": ""}),
        ("rich_text", text("<p>Call us at [phone].</p><ul><li>One</li></ul>")),
        (
            "image",
            {
                "image": {
                    "image": image.pk,
                    "alt_text": "a calm room",
                    "decorative": "",
                },
                "caption": "Our group room",
            },
        ),
        ("pull_quote", {"quote": "Recovery is possible.", "attribution": "A client"}),
        (
            "call_to_action",
            {
                "text": rich_text("<p>We answer 24/7.</p>", features=["bold"]),
                "action": "page",
                "page": linked_page.pk,
                "button_label": "Contact us",
            },
        ),
        (
            "callout",
            {
                "tone": "crisis",
                "heading": "In crisis?",
                "text": text("<p>Call 988.</p>"),
                "show_crisis_lines": "on",
            },
        ),
        (
            "faq",
            {
                "heading": "Questions",
                "questions": list_items(
                    [{"question": "Is it private?", "answer": text("<p>Yes.</p>")}]
                ),
            },
        ),
        (
            "sources",
            {
                "heading": "Sources",
                "sources": list_items(
                    [
                        {
                            "title": "Co-occurring disorders",
                            "publisher": "National Institute of Mental Health",
                            "url": "https://www.nimh.nih.gov/",
                        }
                    ]
                ),
            },
        ),
        ("inquiry_form", {"heading": "Ask us", "text": "We reply within a day."}),
        (
            "verify_insurance",
            {
                "heading": "Check your coverage",
                "text": "Free and confidential.",
                "button_label": "Verify your insurance",
            },
        ),
    ]


def editor_case(admin_client):
    case = WagtailPageTestCase()
    case.client = admin_client
    return case


def test_editor_can_create_an_article_with_every_body_block(
    admin_client, center, article_index, categories, reviewer, reviewed_on
):
    image = make_picture("Admin picture")
    contact = make_article(article_index, slug="contact-us")
    body = every_body_block(image, linked_page=contact)
    editor_case(admin_client).assertCanCreate(
        article_index,
        ArticlePage,
        article_form(
            body,
            medical_reviewer=reviewer.pk,
            last_reviewed=reviewed_on.isoformat(),
            categories=[categories["heroin"]],
        ),
    )
    article = ArticlePage.objects.get(slug="every-block")
    assert [block.block_type for block in article.body] == [name for name, _ in body]
    assert article.body[2].value["image"].contextual_alt_text == "a calm room"
    assert list(article.categories.all()) == [categories["heroin"]]
    # The review line in the post is ignored: only a review writes it.
    assert (article.medical_reviewer, article.last_reviewed) == (None, None)


def test_what_an_editor_types_cannot_inject_script(
    admin_client, client, center, article_index
):
    hostile = (
        '<p>Hi<script>alert(1)</script><a href="javascript:alert(2)" '
        'onclick="alert(3)">x</a><img src="x" onerror="alert(4)" /></p>'
    )
    editor_case(admin_client).assertCanCreate(
        article_index,
        ArticlePage,
        article_form(
            [("rich_text", text(hostile))],
            slug="hostile",
            summary="<script>alert(5)</script>",
            action="action-publish",
        ),
    )
    html = client.get("/articles/hostile/").content.decode()
    main = html.split('<main id="main"')[1].split("</main>")[0]
    assert "<script" not in main
    assert "javascript:" not in main
    assert "onclick" not in main and "onerror" not in main
    assert "&lt;script&gt;alert(5)" in main


def test_editor_can_open_the_article_and_snippet_editors(
    admin_client, center, article_index, categories, reviewer
):
    article = make_article(article_index, categories=[categories["heroin"]])
    assert admin_client.get(f"/admin/pages/{article.pk}/edit/").status_code == 200
    assert admin_client.get(f"/admin/pages/{article_index.pk}/edit/").status_code == 200
    assert admin_client.get("/admin/snippets/people/person/").status_code == 200
    categories_list = admin_client.get("/admin/snippets/articles/articlecategory/")
    assert "Heroin" in categories_list.content.decode()


def test_editor_can_preview_unsaved_changes(
    admin_client, client, center, article_index, categories, reviewer, reviewed_on
):
    article = make_article(article_index, slug="previewed", title="Live title")
    preview_url = f"/admin/pages/{article.pk}/edit/preview/"
    data = article_form(
        [("rich_text", text("<p>Call [phone].</p>"))],
        title="Previewed title",
        slug="previewed",
        medical_reviewer=reviewer.pk,
        last_reviewed=reviewed_on.isoformat(),
        categories=[categories["heroin"]],
    )
    assert admin_client.post(preview_url, data).json()["is_valid"]
    preview = admin_client.get(preview_url).content.decode()
    assert "Previewed title" in preview
    assert 'href="/articles/category/heroin/"' in preview
    assert "Previewed title" not in client.get("/articles/previewed/").content.decode()
