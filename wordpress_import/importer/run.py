"""Importing a read WordPress export (wxr.Export) into the site.

Order: categories, images, pages (parents first), posts, then the links that
pointed at a page imported later, then the old addresses of categories and
tags. Each WordPress object is imported in its own transaction: one that
fails is reported and rolled back whole, and the rest go on.

What it made is recorded in ImportedItem, by the WordPress id, so a second
run updates what changed in WordPress, leaves the unchanged alone, and never
touches a page, image or category edited here since it was imported.
"""

import logging
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from articles.models import ArticleIndexPage
from core.models import CenterSettings
from core.phone import to_e164
from wordpress_import.importer.addresses import AddressesMixin
from wordpress_import.importer.base import ItemError
from wordpress_import.importer.media import MediaMixin
from wordpress_import.importer.pages import PagesMixin
from wordpress_import.importer.redirects import RedirectsMixin
from wordpress_import.importer.taxonomy import TaxonomyMixin
from wordpress_import.models import ImportedItem
from wordpress_import.report import Report

logger = logging.getLogger(__name__)


class Importer(AddressesMixin, TaxonomyMixin, MediaMixin, PagesMixin, RedirectsMixin):
    """One run of an import: `Importer(export, site=...).run()` returns its Report."""

    def __init__(
        self,
        export,
        *,
        site,
        uploads=None,
        as_drafts=False,
        article_index=None,
        report=None,
        progress=None,
    ):
        self.export = export
        self.site = site
        self.uploads = Path(uploads).resolve() if uploads else None
        self.as_drafts = as_drafts
        self.report = report or Report()
        self.progress = progress or (lambda: None)
        self.source = export.source
        self.root = site.root_page.specific
        self.article_index = article_index or (
            ArticleIndexPage.objects.descendant_of(self.root).order_by("path").first()
        )
        center = CenterSettings.for_site(site)
        try:
            self.admissions_phone = to_e164(center.admissions_phone)
        except ValidationError:
            self.admissions_phone = ""
        self.by_id = {item.wp_id: item for item in export.items if not item.error}
        self.reusable = {
            item.wp_id: item.content for item in export.items_of("wp_block")
        }
        self.records = {
            (record.wp_type, record.wp_id): record
            for record in ImportedItem.objects.filter(source=self.source)
        }
        self.by_path = {}
        self.attachments_by_file = {}
        self.categories = {term.slug: term for term in export.categories}
        self.index_addresses()
        self.pending = set()  # items whose links wait for a page imported later
        self._current_pending = False
        # Counts made inside an item's transaction, kept only if it commits.
        self._counts = []
        # Image files written, which a dry run's rollback does not remove.
        self.saved_files = []

    def record(self, wp_type, wp_id):
        return self.records.get((wp_type, str(wp_id)))

    def save_record(self, wp_type, wp_id, **fields):
        record, _created = ImportedItem.objects.update_or_create(
            source=self.source, wp_type=wp_type, wp_id=str(wp_id), defaults=fields
        )
        self.records[(wp_type, str(wp_id))] = record
        return record

    def page_for(self, item):
        record = self.record(item.post_type, item.wp_id)
        return record.page if record and record.page_id else None

    # --- Running ------------------------------------------------------------

    @property
    def total(self):
        return len(self.export.categories) + len(
            self.export.items_of("attachment", "page", "post")
        )

    def run(self):
        for item in self.export.items:
            if item.error:
                self.report.count(item.post_type or "item", "failed")
                self.report.add(
                    "failed", item.post_type, item.wp_id, item.title, item.error
                )
        self.import_categories()
        for item in self.export.items_of("attachment"):
            self.each(item, self.import_attachment)
        for item in self.ordered_pages():
            self.each(item, self.import_page)
        for item in self.export.items_of("post"):
            if self.article_index is None:
                self._fail(
                    item,
                    "The site has no article index page to put posts under: "
                    "add one, then import again.",
                )
                self.progress()
            else:
                self.each(item, self.import_post)
        self.resolve_pending()
        self.import_archive_redirects()
        self.note_left_out()
        return self.report

    def each(self, item, method):
        """Import one item in its own transaction: all of it, or none of it."""
        if item.error:
            return
        self._current_pending = False
        self._counts = []
        notes = []
        try:
            with transaction.atomic():
                outcome = method(item, notes)
        except ItemError as exc:
            self._fail(item, str(exc))
        except ValidationError as exc:
            self._fail(item, "Not valid here: " + "; ".join(exc.messages)[:300])
        except Exception as exc:  # noqa: BLE001 - one bad item must not stop the rest
            # The traceback goes to the log; its message stays out of it and
            # of the report, as it may quote the post (core/log_filters.py).
            logger.error(
                "WordPress %s %s failed to import",
                item.post_type,
                item.wp_id,
                exc_info=True,
            )
            self._fail(item, f"Unexpected error ({type(exc).__name__}).")
        else:
            self.report.count(item.post_type, outcome)
            for wp_type, counted in self._counts:
                self.report.count(wp_type, counted)
            for note in notes:
                self.report.warning(item.post_type, item.wp_id, item.title, note)
            if self._current_pending:
                self.pending.add(item.wp_id)
        finally:
            self.progress()

    def _fail(self, item, message):
        self.report.count(item.post_type, "failed")
        self.report.add("failed", item.post_type, item.wp_id, item.title, message)

    def note_left_out(self):
        for item in self.export.items:
            if item.post_type in {"attachment", "page", "post", "wp_block", ""}:
                continue
            self.report.count(item.post_type, "skipped")
            self.report.add(
                "skipped",
                item.post_type,
                item.wp_id,
                item.title,
                f"WordPress {item.post_type} items have no match here.",
            )
