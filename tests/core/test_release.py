"""A deploy never serves parts of pages made by the code it replaced.

Kept parts are HTML made by one release's templates and views; the content
generation only says which content they show. A new release starts with none
of the old parts, while the generation (and so everything content-wise) carries
over.
"""

import tempfile

from django.test import override_settings

from core import generation
from evoke_site.release import code_digest
from evoke_site.settings.base import shared_caches
from tests.pages import make_standard_page


def test_a_new_release_renders_afresh_what_the_old_one_kept(client, center, home_page):
    page = make_standard_page(home_page, "Visiting hours", introduction="Sundays.")
    with tempfile.TemporaryDirectory() as files:
        with override_settings(CACHES=shared_caches("", files, "release-1")):
            assert center.center_name in client.get(page.url).content.decode()
            number = generation.read()
            # What a new release's header template would show differently,
            # stood in for by a change that bumps nothing.
            type(center).objects.filter(pk=center.pk).update(
                center_name="Evoke Wellness Waltham"
            )
            generation.local_copies.clear()
            html = client.get(page.url).content.decode()
            assert "Evoke Wellness Waltham" not in html, (
                "the old release serves its kept header and head (else this "
                "test proves nothing)"
            )
        # The new release runs in new processes, with nothing in their memory.
        generation.local_copies.clear()
        with override_settings(CACHES=shared_caches("", files, "release-2")):
            assert generation.read() == number, "the generation carries over"
            html = client.get(page.url).content.decode()
            assert html.count("Evoke Wellness Waltham") >= 2, "head and header"


def test_the_release_changes_with_any_template_or_module(tmp_path):
    (tmp_path / "templates").mkdir()
    template = tmp_path / "templates" / "page.html"
    template.write_text("<h1>{{ page.title }}</h1>")
    (tmp_path / "views.py").write_text("VIEW = 1\n")
    before = code_digest(tmp_path)
    assert code_digest(tmp_path) == before
    template.write_text("<h1 class='title'>{{ page.title }}</h1>")
    assert code_digest(tmp_path) != before
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "uploaded.txt").write_text("not code")
    after = code_digest(tmp_path)
    (tmp_path / "data" / "uploaded.txt").write_text("still not code")
    assert code_digest(tmp_path) == after, "uploaded files are not the code"


def test_the_release_changes_with_a_compiled_translation(tmp_path):
    catalogue = tmp_path / "locale" / "es" / "LC_MESSAGES" / "django.mo"
    catalogue.parent.mkdir(parents=True)
    catalogue.write_bytes(b"first wording")
    before = code_digest(tmp_path)
    catalogue.write_bytes(b"better wording")
    assert code_digest(tmp_path) != before
