"""A marketing lead moves the center's old WordPress site here with one command.

Every test imports the committed export of a real WordPress
(scripts/make_wordpress_fixture.sh) and checks what a person would look at:
the pages and their blocks, the images' alt text, the SEO fields, the old
addresses, and what a second run does.
"""

import csv
import io

from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Revision

import pytest

from articles.models import ArticleCategory, ArticlePage
from core.models import SiteImage
from people.models import Person
from standard_pages.models import StandardPage
from wordpress_import.models import ImportedItem

from .conftest import EXPORT, OLD_SITE, wp_id

pytestmark = pytest.mark.django_db


def imported(title):
    """The page imported from the WordPress post or page with `title`."""
    record = ImportedItem.objects.get(
        wp_type__in=["post", "page"], wp_id=str(wp_id(title))
    )
    return record.page.specific


def block_types(page):
    return [block.block_type for block in page.body]


def rows(report):
    return list(csv.DictReader(io.StringIO(report)))


def notes_for(report, title):
    return [row["note"] for row in rows(report) if row["title"] == title]


def test_block_editor_post_arrives_as_headings_text_image_and_quote(run_import):
    run_import()
    article = imported("Understanding Opioid Withdrawal")

    assert block_types(article) == [
        "rich_text",
        "heading",
        "rich_text",
        "image",
        "heading",
        "rich_text",
        "pull_quote",
        "rich_text",
    ]
    heading = article.body[1].value
    assert (heading["text"], heading["level"], heading["anchor"]) == (
        "Common symptoms",
        "h2",
        "symptoms",
    )
    assert article.body[4].value["level"] == "h3"
    assert "<li>Anxiety and <i>restlessness</i></li>" in article.body[2].value.source
    assert "<ol>" in article.body[5].value.source
    quote = article.body[6].value
    assert quote["quote"].startswith("The first three days were the hardest.")
    assert quote["attribution"] == "A former patient"
    image = article.body[3].value
    assert image["image"].contextual_alt_text == "A quiet room with two armchairs"
    assert image["caption"] == "Every detox suite is private."


def test_classic_post_paragraphs_caption_and_gallery_become_blocks(run_import):
    run_import()
    article = imported("What to Expect in Detox")

    assert block_types(article) == [
        "rich_text",
        "heading",
        "rich_text",
        "image",
        "heading",
        "rich_text",
        "pull_quote",
        "rich_text",
        "image",
        "image",
        "rich_text",
    ]
    # Blank lines were paragraphs, single line breaks stay line breaks.
    text = article.body[7].value.source
    assert "<br/>Line one of an address<br/>Line two of an address</p>" in text
    # The [caption] shortcode: the image with its alt text and caption.
    captioned = article.body[3].value
    assert captioned["image"].contextual_alt_text == "A nurse at the admissions desk"
    assert captioned["caption"] == "A nurse is on the unit around the clock."


def test_body_text_keeps_no_script_iframe_or_style(run_import):
    run_import()
    for page in Page.objects.type(ArticlePage, StandardPage).specific():
        for block in page.body:
            html = str(block.value.source if block.block_type == "rich_text" else "")
            for forbidden in ("<script", "<iframe", "style=", "tracking", "class="):
                assert forbidden not in html, (page.title, forbidden)


def test_unmapped_content_is_kept_as_text_and_reported(run_import):
    _out, report = run_import()
    article = imported("Understanding Opioid Withdrawal")
    text = article.body[7].value.source

    # Shortcode, embed, custom HTML and a plugin's block: kept, not dropped.
    assert '[contact-form-7 id="45" title="Admissions form"]' in text
    assert '<a href="https://www.youtube.com/watch?v=abc123XYZ00">' in text
    assert "Questions? Ask us." in text
    assert "Admissions answers day and night" in text
    # The table, which has no block here, as a list of its rows.
    assert (
        "<li>Day: 1–2; What to expect: Aches, anxiety" in article.body[5].value.source
    )
    notes = notes_for(report, "Understanding Opioid Withdrawal")
    assert "The shortcode [contact-form-7] was kept as text." in notes
    assert "Embedded media from www.youtube.com was kept as a link to it." in notes
    assert "A table was kept as a bulleted list, one item per row." in notes
    assert "Removed a script." in notes
    assert "Removed an embedded frame (iframe) from www.google.com." in notes
    assert "The acme/call-box block has no match here; its text was kept." in notes
    assert all(row["wordpress_id"] for row in rows(report) if row["title"])


def test_links_point_to_the_imported_pages(run_import):
    run_import()
    detox = imported("What to Expect in Detox")
    withdrawal = imported("Understanding Opioid Withdrawal")
    about = imported("About Us")

    # Linked before the detox post was imported: mended at the end of the run.
    assert f'<a id="{detox.pk}" linktype="page">what to expect in detox</a>' in (
        withdrawal.body[0].value.source
    )
    # A /?p= link and a relative link in classic content.
    text = detox.body[7].value.source
    assert f'<a id="{withdrawal.pk}" linktype="page">opioid withdrawal</a>' in text
    assert f'<a id="{about.pk}" linktype="page">who we are</a>' in text


def test_admissions_number_becomes_the_phone_token(run_import):
    run_import()
    text = imported("Understanding Opioid Withdrawal").body[7].value.source

    assert "Call us at [phone] any time" in text
    assert "call [phone].</p>" in text
    # Another number is left as written.
    assert "617-555-0100" in text
    assert "276-1920" not in text
    assert "<b>[phone]</b>" in imported("Admissions").body[1].value.source


def test_post_fields_author_taxonomy_and_seo(run_import):
    run_import()
    article = imported("Understanding Opioid Withdrawal")

    assert article.slug == "understanding-opioid-withdrawal"
    assert article.get_parent().slug == "articles"
    assert article.summary.startswith("What opioid withdrawal feels like")
    assert article.first_published_at.isoformat() == "2024-05-14T09:30:00+00:00"
    assert article.author.name == "Jamie Carter"
    assert [str(category) for category in article.categories.all()] == [
        "Substances › Opioids"
    ]
    assert sorted(tag.name for tag in article.tags.all()) == ["detox", "withdrawal"]
    # Yoast: its separator and site name left out (the site adds its own).
    assert article.seo_title == "Opioid Withdrawal: Symptoms and Timeline"
    assert article.search_description.startswith("Opioid withdrawal symptoms")
    assert article.hero_image.description == (
        "A quiet room with two armchairs and a window"
    )
    assert article.hero_caption == "Every detox suite is private."
    anxiety = imported("Alcohol and Anxiety")
    assert (
        anxiety.canonical_url == "https://www.example.org/alcohol-and-anxiety-original/"
    )
    assert imported("Thank You").noindex is True


def test_health_content_arrives_without_a_review_line(run_import, reviewer):
    run_import()
    for article in ArticlePage.objects.all():
        assert article.medical_reviewer_id is None
        assert article.last_reviewed is None


def test_deeper_category_is_filed_under_its_top_level_one(run_import):
    _out, report = run_import()
    fentanyl = ArticleCategory.objects.get(slug="fentanyl")

    assert fentanyl.parent.slug == "substances"
    assert not ArticleCategory.objects.filter(slug="uncategorized").exists()
    assert any("two levels deep" in note for note in notes_for(report, "Fentanyl"))


def test_pages_keep_their_hierarchy(run_import, home_page):
    run_import()
    leadership = imported("Leadership")

    assert [page.title for page in leadership.get_ancestors()[2:]] == [
        "About Us",
        "Our Team",
    ]
    assert imported("About Us").get_parent().pk == home_page.pk
    assert block_types(imported("Our Team")) == ["rich_text", "image", "rich_text"]


def test_live_posts_are_live_and_drafts_and_private_posts_are_not(run_import):
    _out, report = run_import()

    assert imported("Understanding Opioid Withdrawal").live
    assert imported("About Us").live
    assert not imported("Family Program FAQ").live
    assert not imported("Staff Holiday Schedule").live
    assert "Private in WordPress: imported as a draft." in notes_for(
        report, "Staff Holiday Schedule"
    )


def test_as_drafts_imports_nothing_live(run_import):
    run_import("--as-drafts")

    assert ArticlePage.objects.count() == 6
    assert not ArticlePage.objects.live().exists()
    assert not StandardPage.objects.live().exists()


def test_images_come_from_uploads_with_alt_text_or_flagged(run_import):
    _out, report = run_import()

    assert SiteImage.objects.count() == 4
    nurse = SiteImage.objects.get(title="Nurse station")
    assert nurse.description == "A nurse at the admissions desk"
    assert (nurse.width, nurse.height) == (640, 400)
    garden = SiteImage.objects.get(title="garden-path")
    assert garden.description == ""
    assert any("No alt text" in note for note in notes_for(report, "garden-path"))


def test_summary_prints_counts_per_type(run_import):
    out, _report = run_import()

    lines = out.splitlines()
    assert "created  updated  skipped  failed  warnings" in lines[1]
    post_line = next(line for line in lines if line.strip().startswith("post "))
    assert post_line.split()[1:5] == ["6", "0", "0", "0"]
    assert any(line.strip().startswith("redirect ") for line in lines)


OLD_ADDRESSES = [
    ("/2024/05/understanding-opioid-withdrawal/", "Understanding Opioid Withdrawal"),
    ("/?p={id}", "Understanding Opioid Withdrawal"),
    ("/about-us/our-team/leadership/", None),
    ("/?page_id={id}", "Leadership"),
    ("/2024/04/what-to-expect-in-detox/", "What to Expect in Detox"),
]


@pytest.mark.parametrize(("old", "title"), OLD_ADDRESSES)
def test_old_permalinks_answer_301_to_the_new_page(run_import, client, old, title):
    run_import()
    target = imported(title or "Leadership")
    old = old.format(id=wp_id(title)) if title else old

    response = client.get(old)
    if old == target.url:
        # The page kept its address: it answers itself.
        assert response.status_code == 200
        return
    assert response.status_code == 301, old
    assert response["Location"] == target.url


def test_old_category_tag_and_upload_addresses_redirect(run_import, client):
    run_import()

    response = client.get("/category/substances/opioids/")
    assert response.status_code == 301
    assert response["Location"].endswith("/articles/category/opioids/")
    assert client.get(response["Location"]).status_code == 200
    response = client.get("/tag/harm-reduction/")
    assert response["Location"].endswith("/articles/tag/harm-reduction/")
    assert client.get(response["Location"]).status_code == 200
    response = client.get("/2024/05/understanding-opioid-withdrawal/calm-room/")
    assert response.status_code == 301
    assert response["Location"] == imported("Understanding Opioid Withdrawal").url


def test_drafts_get_no_redirect(run_import):
    run_import()
    assert not Redirect.objects.filter(
        old_path__contains=f"p={wp_id('Family Program FAQ')}"
    ).exists()
    assert not Redirect.objects.filter(old_path__contains="staff-holiday").exists()


def test_articles_render(run_import, client):
    run_import()
    response = client.get(imported("Understanding Opioid Withdrawal").url)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'alt="A quiet room with two armchairs"' in html
    assert "<h2" in html and "Common symptoms" in html
    assert "tel:+18662761920" in html


def _snapshot():
    return {
        "pages": sorted(Page.objects.values_list("pk", "latest_revision_id", "live")),
        "revisions": Revision.objects.count(),
        "images": sorted(SiteImage.objects.values_list("pk", "file")),
        "redirects": sorted(
            Redirect.objects.values_list(
                "old_path", "redirect_page_id", "redirect_link"
            )
        ),
        "categories": sorted(
            ArticleCategory.objects.values_list("pk", "slug", "parent")
        ),
        "tags": Tag.objects.count(),
        "people": Person.objects.count(),
    }


def test_second_run_changes_nothing(run_import):
    run_import()
    before = _snapshot()

    out, _report = run_import()

    assert _snapshot() == before
    post_line = next(
        line for line in out.splitlines() if line.strip().startswith("post ")
    )
    assert post_line.split()[1:3] == ["0", "0"]


def test_second_run_updates_what_changed_in_wordpress(run_import, tmp_path):
    run_import()
    changed = tmp_path / "changed.xml"
    changed.write_text(
        EXPORT.read_text().replace(
            "Fentanyl test strips show whether", "Test strips show whether"
        )
    )

    out, _report = run_import(export=changed)

    strips = imported("Fentanyl Test Strips")
    assert strips.body[0].value.source.startswith("<p>Test strips show whether")
    assert strips.live
    post_line = next(
        line for line in out.splitlines() if line.strip().startswith("post ")
    )
    assert post_line.split()[1:3] == ["0", "1"]


def test_page_edited_here_is_left_alone_and_reported(run_import, tmp_path):
    run_import()
    article = imported("Fentanyl Test Strips")
    article.summary = "Rewritten by our editor."
    article.save_revision().publish()
    changed = tmp_path / "changed.xml"
    changed.write_text(
        EXPORT.read_text().replace(
            "Fentanyl test strips show whether", "Test strips show whether"
        )
    )

    _out, report = run_import(export=changed)

    article.refresh_from_db()
    assert article.summary == "Rewritten by our editor."
    assert article.body[0].value.source.startswith("<p>Fentanyl test strips")
    assert "Edited here since the import; left as it is." in notes_for(
        report, "Fentanyl Test Strips"
    )


def test_bad_item_is_reported_and_the_rest_imported(run_import, tmp_path):
    bad = tmp_path / "bad.xml"
    text = EXPORT.read_text()
    # One post whose date is garbled, as a broken plugin can leave it.
    marker = "<wp:post_date_gmt><![CDATA[2024-06-03 11:00:00]]></wp:post_date_gmt>"
    assert marker in text
    bad.write_text(
        text.replace(
            marker,
            "<wp:post_date_gmt><![CDATA[2024-13-45 99:00:00]]></wp:post_date_gmt>",
        )
    )

    out, report = run_import(export=bad)

    failed = [row for row in rows(report) if row["level"] == "failed"]
    assert [(row["wordpress_id"], row["title"]) for row in failed] == [
        (str(wp_id("Fentanyl Test Strips")), "Fentanyl Test Strips")
    ]
    assert "is not a date" in failed[0]["note"]
    assert not ImportedItem.objects.filter(
        wp_id=str(wp_id("Fentanyl Test Strips")), wp_type="post"
    ).exists()
    assert not ArticlePage.objects.filter(slug="fentanyl-test-strips").exists()
    assert ArticlePage.objects.count() == 5
    assert "1 items failed" in out


def test_dry_run_keeps_nothing(run_import):
    pages = Page.objects.count()

    out, _report = run_import("--dry-run")

    assert out.startswith("Dry run, nothing kept")
    assert Page.objects.count() == pages
    assert not SiteImage.objects.exists()
    assert not Redirect.objects.exists()
    assert not ImportedItem.objects.exists()


def test_without_uploads_images_are_reported_not_fetched(run_import):
    _out, report = run_import(uploads=None)

    assert not SiteImage.objects.exists()
    assert ArticlePage.objects.count() == 6
    assert any("no uploads folder" in note for note in notes_for(report, "Calm room"))


def test_old_site_links_in_report_name_wordpress_ids(run_import):
    _out, report = run_import()
    for row in rows(report):
        if row["wordpress_type"] in {"post", "page", "attachment"} and row["title"]:
            assert row["wordpress_id"].isdigit()
    assert OLD_SITE not in report


def test_item_failing_half_way_leaves_no_half_made_page(run_import, monkeypatch):
    # The database refuses one post's publish after its page was added.
    strips_id = wp_id("Fentanyl Test Strips")
    publish = Revision.publish

    def failing_publish(revision, *args, **kwargs):
        if revision.content.get("slug") == "fentanyl-test-strips":
            raise RuntimeError("the database went away")
        return publish(revision, *args, **kwargs)

    monkeypatch.setattr(Revision, "publish", failing_publish)

    out, report = run_import()

    assert not Page.objects.filter(slug="fentanyl-test-strips").exists()
    assert not ImportedItem.objects.filter(
        wp_type="post", wp_id=str(strips_id)
    ).exists()
    assert not Redirect.objects.filter(
        old_path__contains="fentanyl-test-strips"
    ).exists()
    failed = [row for row in rows(report) if row["level"] == "failed"]
    assert [row["wordpress_id"] for row in failed] == [str(strips_id)]
    assert failed[0]["note"] == "Unexpected error (RuntimeError)."
    assert "the database went away" not in report
    assert ArticlePage.objects.count() == 5
