"""A marketing lead moves the center's old WordPress site here with one command:
the posts, pages, images, taxonomy and SEO fields arrive where they belong.

Every test imports the committed export of a real WordPress
(scripts/make_wordpress_fixture.sh)."""

from django.core.management import CommandError

import pytest

from articles.models import ArticleCategory, ArticlePage
from core.models import SiteImage
from standard_pages.models import StandardPage
from wordpress_import.models import ImportedItem

from .conftest import EXPORT, OLD_SITE, UPLOADS, block_types, imported, notes_for, rows

pytestmark = pytest.mark.django_db


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


def test_articles_render(run_import, client):
    run_import()
    response = client.get(imported("Understanding Opioid Withdrawal").url)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'alt="A quiet room with two armchairs"' in html
    assert "<h2" in html and "Common symptoms" in html
    assert "tel:+18662761920" in html


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


def test_site_without_article_index_imports_pages_and_reports_posts(center, tmp_path):
    from wordpress_import.importer import Importer
    from wordpress_import.wxr import read_export

    ticks = []
    importer = Importer(
        read_export(EXPORT),
        site=center.site,
        uploads=UPLOADS,
        progress=lambda: ticks.append(1),
    )
    report = importer.run()

    assert StandardPage.objects.count() == 5
    assert not ArticlePage.objects.exists()
    assert report.counts["post"]["failed"] == 6
    assert any("no article index" in entry.message for entry in report.entries)
    # The progress bar moves once per category, attachment, page and post.
    assert len(ticks) == importer.total


def test_unknown_article_index_stops_before_anything_is_written(run_import):
    with pytest.raises(CommandError, match="no article index with the slug blog"):
        run_import("--article-index", "blog")
    assert not ImportedItem.objects.exists()
