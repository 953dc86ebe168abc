"""Someone runs the importer on the wrong file: it stops with one line,
before anything is written."""

from django.core.management import CommandError, call_command

from wagtail.models import Page

import pytest

from core.models import SiteImage
from wordpress_import.models import ImportedItem

from .conftest import EXPORT, UPLOADS

pytestmark = pytest.mark.django_db

BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<wp:wxr_version>1.2</wp:wxr_version><title>&lol9;</title></channel></rss>
"""


def import_and_fail(*arguments):
    pages = Page.objects.count()
    with pytest.raises(CommandError) as error:
        call_command("import_wordpress", *map(str, arguments))
    message = str(error.value)
    assert "\n" not in message
    assert Page.objects.count() == pages
    assert not SiteImage.objects.exists()
    assert not ImportedItem.objects.exists()
    return message


@pytest.fixture
def site_ready(center, article_index):
    return center


def test_half_downloaded_export_is_refused(site_ready, tmp_path):
    broken = tmp_path / "export.xml"
    broken.write_bytes(EXPORT.read_bytes()[:20000])

    message = import_and_fail(broken, "--uploads", UPLOADS)

    assert message.startswith("The file is not well-formed XML (line ")


def test_other_xml_is_not_a_wordpress_export(site_ready, tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
        "<item><title>Hello</title></item></channel></rss>"
    )

    message = import_and_fail(feed)

    assert "not a WordPress export" in message


def test_a_spreadsheet_is_not_a_wordpress_export(site_ready, tmp_path):
    sheet = tmp_path / "posts.csv"
    sheet.write_text("title,body\nHello,World\n")

    assert "not well-formed XML" in import_and_fail(sheet)


def test_xml_bomb_is_refused_without_expanding_it(site_ready, tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(BOMB)

    message = import_and_fail(bomb)

    assert "XML bomb" in message


def test_external_entity_is_refused(site_ready, tmp_path):
    sneaky = tmp_path / "sneaky.xml"
    sneaky.write_text(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
        "<wp:wxr_version>1.2</wp:wxr_version><title>&x;</title></channel></rss>"
    )

    assert "declares a document type" in import_and_fail(sneaky)


def test_missing_uploads_folder_stops_before_anything_is_written(site_ready, tmp_path):
    message = import_and_fail(EXPORT, "--uploads", tmp_path / "no-such-folder")

    assert (
        message == f"The uploads folder {tmp_path / 'no-such-folder'} does not exist."
    )


def test_missing_export_file(site_ready, tmp_path):
    assert "does not exist" in import_and_fail(tmp_path / "nothing.xml")
