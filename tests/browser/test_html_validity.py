"""Every public page type is valid HTML, by the Nu HTML Checker (what W3C runs)."""

import json
import subprocess

import pytest

from .conftest import ARTIFACTS
from .site_pages import open_case, page_cases, spanish_page_cases

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

HTML = ARTIFACTS / "html"


def html_errors(vnu_jar, files):
    """The checker's errors for files ({path: name}), one readable line each."""
    # One Java start for all pages: starting it costs more than checking them.
    result = subprocess.run(
        ["java", "-jar", str(vnu_jar), "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    messages = json.loads(result.stderr)["messages"]
    return [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))} "
        f"line {m.get('lastLine')}: {m['message']}\n    {m.get('extract', '').strip()}"
        for m in messages
        if m["type"] in {"error", "non-document-error"}
    ]


def test_checker_reports_invalid_html(vnu_jar, tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>x</title></head>'
        "<body><p><div>block in a paragraph</div></p></body></html>"
    )
    errors = html_errors(vnu_jar, {str(broken): "broken"})
    assert len(errors) == 1
    assert errors[0].startswith("broken line 1: No “p” element in scope")


def test_every_page_type_is_valid_html(page, live_server, vnu_jar):
    HTML.mkdir(parents=True, exist_ok=True)
    files = {}
    for case in page_cases() + spanish_page_cases():
        path = HTML / f"{case.name}.html"
        path.write_text(open_case(page, live_server.url, case), encoding="utf-8")
        files[str(path.resolve())] = case.name
    errors = html_errors(vnu_jar, files)
    assert not errors, "\n".join(errors)
