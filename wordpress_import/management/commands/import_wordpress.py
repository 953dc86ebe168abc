"""manage.py import_wordpress EXPORT.xml [--uploads DIR] [--dry-run] [--as-drafts]"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from wagtail.models import Site

from tqdm import tqdm

from articles.models import ArticleIndexPage
from core.models import SiteImage
from wordpress_import.importer import Importer
from wordpress_import.report import Report
from wordpress_import.wxr import WxrError, read_export


class DryRunRollback(Exception):
    """Raised at the end of a dry run so everything it wrote is rolled back."""


class Command(BaseCommand):
    help = (
        "Import posts, pages, images, categories, tags and SEO fields from a "
        "WordPress export (Tools → Export), with redirects from the old addresses. "
        "Safe to run again: it updates what it made and leaves what was edited here."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="The WordPress export file (WXR).")
        parser.add_argument(
            "--uploads",
            help="A copy of the site's wp-content/uploads folder, for the images. "
            "Nothing is fetched from the internet.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Do everything and report it, then undo it: nothing is kept.",
        )
        parser.add_argument(
            "--as-drafts",
            action="store_true",
            help="Import published posts and pages as drafts, to publish by hand.",
        )
        parser.add_argument(
            "--site",
            help="The hostname of the Wagtail site to import into (default: the "
            "default site).",
        )
        parser.add_argument(
            "--article-index",
            help="The slug of the article index to put posts under (default: the "
            "site's first).",
        )
        parser.add_argument(
            "--report",
            help="Where to write the report (CSV); default "
            "wordpress-import-YYYYMMDD-HHMMSS.csv in the current folder.",
        )

    def handle(self, *args, **options):
        # Every check on the input comes before anything is written.
        uploads = options["uploads"]
        if uploads and not Path(uploads).is_dir():
            raise CommandError(f"The uploads folder {uploads} does not exist.")
        if not Path(options["export"]).is_file():
            raise CommandError(f"The export file {options['export']} does not exist.")
        try:
            export = read_export(options["export"])
        except WxrError as exc:
            raise CommandError(str(exc)) from exc
        site = self.find_site(options["site"])
        article_index = self.find_article_index(site, options["article_index"])
        report_path = Path(
            options["report"] or f"wordpress-import-{timezone.now():%Y%m%d-%H%M%S}.csv"
        )

        report = Report()
        verbosity = options["verbosity"]
        with tqdm(
            desc="Importing",
            unit="item",
            file=sys.stderr,
            disable=None if verbosity else True,
        ) as bar:
            importer = Importer(
                export,
                site=site,
                uploads=uploads,
                as_drafts=options["as_drafts"],
                article_index=article_index,
                report=report,
                progress=bar.update,
            )
            bar.total = importer.total
            if options["dry_run"]:
                self.dry_run(importer)
            else:
                importer.run()

        report.write_csv(report_path)
        heading = "Dry run, nothing kept" if options["dry_run"] else "Imported"
        self.stdout.write(f"{heading} from {export.source}:")
        for line in report.summary_lines():
            self.stdout.write("  " + line)
        self.stdout.write(f"Every warning, with its WordPress id: {report_path}")
        if report.failed:
            self.stdout.write(
                self.style.WARNING(f"{report.failed} items failed; see the report.")
            )

    def dry_run(self, importer):
        try:
            with transaction.atomic():
                importer.run()
                raise DryRunRollback
        except DryRunRollback:
            pass
        finally:
            # Image files are not in the transaction: removed by hand.
            storage = SiteImage._meta.get_field("file").storage
            for name in importer.saved_files:
                storage.delete(name)

    def find_site(self, hostname):
        if hostname:
            site = Site.objects.filter(hostname=hostname).first()
            if site is None:
                raise CommandError(f"No Wagtail site has the hostname {hostname}.")
            return site
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default Wagtail site to import into.")
        return site

    def find_article_index(self, site, slug):
        indexes = ArticleIndexPage.objects.descendant_of(site.root_page).order_by(
            "path"
        )
        if slug:
            index = indexes.filter(slug=slug).first()
            if index is None:
                raise CommandError(
                    f"The site has no article index with the slug {slug}."
                )
            return index
        return indexes.first()
