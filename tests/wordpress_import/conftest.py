"""The WordPress fixture (made by scripts/make_wordpress_fixture.sh from a real
WordPress) and a site to import it into."""

import csv
import io
import re
from pathlib import Path

from django.core.management import call_command

import pytest

from tests.articles.conftest import article_index  # noqa: F401 - a fixture
from wordpress_import.models import ImportedItem

FIXTURES = Path(__file__).resolve().parents[2] / "wordpress_import" / "fixtures"
EXPORT = FIXTURES / "wordpress-export.xml"
UPLOADS = FIXTURES / "uploads"
OLD_SITE = "https://old.evoke-waltham.example"


def wp_id(title):
    """The WordPress id of the fixture's item with `title`."""
    text = EXPORT.read_text()
    match = re.search(
        rf"<title><!\[CDATA\[{re.escape(title)}\]\]></title>.*?<wp:post_id>(\d+)</wp:post_id>",
        text,
        re.S,
    )
    assert match, title
    return int(match[1])


@pytest.fixture
def run_import(tmp_path, center, article_index):  # noqa: F811 - the fixture above
    """`run_import(*options, export=EXPORT)`: the command as a person runs it;
    returns what it printed and the report's rows."""
    runs = []

    def run(*options, export=EXPORT, uploads=UPLOADS):
        report = tmp_path / f"report-{len(runs)}.csv"
        out = io.StringIO()
        arguments = [str(export), "--report", str(report), *options]
        if uploads is not None:
            arguments += ["--uploads", str(uploads)]
        call_command("import_wordpress", *arguments, stdout=out, stderr=io.StringIO())
        runs.append(report)
        return out.getvalue(), report.read_text()

    return run


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
