"""Running the import again, after WordPress or this site changed, and items
that fail: nothing duplicated, nothing edited here overwritten, no half-made page."""

from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.models import Page, Revision

import pytest

from articles.models import ArticleCategory, ArticlePage
from core.models import SiteImage
from people.models import Person
from wordpress_import.models import ImportedItem

from .conftest import EXPORT, imported, notes_for, rows, wp_id

pytestmark = pytest.mark.django_db


def _snapshot():
    return {
        "pages": sorted(Page.objects.values_list("pk", "latest_revision_id", "live")),
        "revisions": Revision.objects.count(),
        "images": sorted(SiteImage.objects.values_list("pk", "file")),
        "documents": sorted(Document.objects.values_list("pk", "file")),
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


def test_unreadable_item_is_reported_by_title_and_the_rest_imported(
    run_import, tmp_path
):
    strips_id = wp_id("Fentanyl Test Strips")
    bad = tmp_path / "bad.xml"
    bad.write_text(
        EXPORT.read_text().replace(
            f"<wp:post_id>{strips_id}</wp:post_id>", "<wp:post_id>x17</wp:post_id>"
        )
    )

    _out, report = run_import(export=bad)

    failed = [row for row in rows(report) if row["level"] == "failed"]
    assert [(row["title"], row["note"]) for row in failed] == [
        ("Fentanyl Test Strips", "Unreadable item: its post id is not a number.")
    ]
    assert ArticlePage.objects.count() == 5
