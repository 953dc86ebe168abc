"""Every string a visitor reads is translated, checked without gettext's tools.

The public templates are every template under templates/ except the
ADMIN_ONLY ones, so a new public template is checked as soon as it exists.
Django's template Lexer finds the text outside translate tags; a msgid a
template or a module uses that the Spanish catalogue (read with polib) lacks,
leaves empty or marks fuzzy fails; and the committed .mo must say what the .po
says, so nobody forgets to compile it.
"""

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.template import Context, Variable, engines
from django.template.base import Lexer, TokenType
from django.templatetags.i18n import BlockTranslateNode, TranslateNode
from django.test import override_settings
from django.utils import translation

import polib
import pytest

ROOT = Path(settings.BASE_DIR)
TEMPLATES = ROOT / "templates"
CATALOGUE = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")

# Seen only by staff, in the Wagtail admin or on the way into it: left in
# English. Any folder named "admin" (contact/admin/…) is admin-only too.
ADMIN_ONLY_FOLDERS = {"wagtailadmin", "two_factor", "insights", "health_checks"}
ADMIN_ONLY_FOLDERS |= {"editorial"}
ADMIN_ONLY_FILES = {
    # The admin sign-in's lockout page (settings.AXES_LOCKOUT_TEMPLATE).
    "core/account_locked.html",
}

# Python modules of the project's own apps (not tests, migrations, tools).
NOT_APP_CODE = {".venv", "node_modules", "tests", "bench", "scripts", "data"}


def is_admin_only(relative):
    folders = relative.parts[:-1]
    return (
        relative.as_posix() in ADMIN_ONLY_FILES
        or bool(folders and folders[0] in ADMIN_ONLY_FOLDERS)
        or "admin" in folders
    )


def public_templates():
    return sorted(
        path.relative_to(TEMPLATES).as_posix()
        for path in TEMPLATES.rglob("*.html")
        if not is_admin_only(path.relative_to(TEMPLATES))
    )


# Text only people read: visible text, these attributes, and the meta tags a
# search engine or share card shows.
PEOPLE_ATTRIBUTES = {"aria-label", "aria-description", "alt", "title", "placeholder"}
SHOWN_META = {
    "description",
    "og:title",
    "og:description",
    "og:image:alt",
    "twitter:title",
    "twitter:description",
    "twitter:image:alt",
}
LETTER = re.compile(r"[^\W\d_]")
# A class name given as a block's text, e.g. {% block body_class %}page-home.
IDENTIFIER = re.compile(r"[a-z0-9]+(?:[-_]+[a-z0-9]+)+")
WORD = re.compile(r"[^\W\d_]{2,}")
QUOTED = r"""(?P<quote>["'])(?P<text>(?:(?!(?P=quote)).)*)(?P=quote)"""
# `lead="…"` in {% include … with %}; `|default:"…"` or `|add:"…"` anywhere.
KEYWORD_LITERAL = re.compile(rf"(?<![\w(])(?P<name>[\w-]+)={QUOTED}")
FILTER_LITERAL = re.compile(rf"\|(?:default|default_if_none|add):{QUOTED}")
# `_("…")` in a tag's arguments: translated, and a msgid of its own.
UNDERSCORE_LITERAL = re.compile(rf"_\({QUOTED}\)")
TAGS_PASSING_TEXT = {"include", "with", "firstof"}


def reads_as_words(literal):
    """Prose rather than a class name, format, template or URL name: words
    with a space between them, or a capitalised word."""
    literal = literal.strip()
    if not WORD.search(literal) or re.fullmatch(r"[A-Z0-9_]+", literal):
        return False
    return bool(re.search(r"\s", literal)) or literal[:1].isupper()


class VisibleText(HTMLParser):
    """Collects (line, text) people would read in a template's HTML skeleton."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.in_code = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        shown = PEOPLE_ATTRIBUTES
        if tag == "meta" and (
            attributes.get("name") in SHOWN_META
            or attributes.get("property") in SHOWN_META
        ):
            shown = shown | {"content"}
        for name, value in attrs:
            if name in shown and value and LETTER.search(value):
                self.found.append((self.getpos()[0], f'{name}="{value.strip()}"'))
        if tag in ("script", "style"):
            self.in_code += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.in_code:
            self.in_code -= 1

    def handle_data(self, data):
        if (
            not self.in_code
            and LETTER.search(data)
            and not IDENTIFIER.fullmatch(data.strip())
        ):
            self.found.append((self.getpos()[0], " ".join(data.split())))


def untranslated(source):
    """(line, text) of every string in `source` a person reads untranslated.

    Tags and variables become a space (keeping line numbers), comments and
    {% blocktranslate %} bodies are dropped, and what is left is read as HTML.
    """
    skeleton = []
    found = []
    skipping_until = None
    for token in Lexer(source).tokenize():
        newlines = "\n" * token.contents.count("\n")
        if token.token_type == TokenType.BLOCK:
            words = token.split_contents()
            name = words[0] if words else ""
            if skipping_until is not None:
                if name in skipping_until:
                    skipping_until = None
                skeleton.append(" " + newlines)
                continue
            if name == "comment":
                skipping_until = {"endcomment"}
            elif name in ("blocktranslate", "blocktrans"):
                skipping_until = {"endblocktranslate", "endblocktrans"}
            elif name not in ("translate", "trans"):
                found += untranslated_arguments(token, name)
            skeleton.append(" " + newlines)
        elif token.token_type == TokenType.TEXT and skipping_until is None:
            skeleton.append(token.contents)
        else:
            if token.token_type == TokenType.VAR and skipping_until is None:
                found += untranslated_arguments(token, "")
            skeleton.append(" " + newlines)
    parser = VisibleText()
    parser.feed("".join(skeleton))
    parser.close()
    return sorted(found + parser.found)


def untranslated_arguments(token, tag_name):
    """Words passed to a tag or filter as a plain literal, e.g. an include's
    `heading="Related articles"` (it should be `heading=_("Related articles")`)."""
    literals = [m["text"] for m in FILTER_LITERAL.finditer(token.contents)]
    for match in KEYWORD_LITERAL.finditer(token.contents):
        if tag_name in TAGS_PASSING_TEXT or match["name"] in PEOPLE_ATTRIBUTES:
            literals.append(match["text"])
    return [(token.lineno, lit) for lit in literals if reads_as_words(lit)]


def template_msgids(name):
    """(msgctxt, msgid, msgid_plural) of every translation the template asks for."""
    source = (TEMPLATES / name).read_text(encoding="utf-8")
    template = engines["django"].from_string(source).template
    empty = Context()
    for node in template.nodelist.get_nodes_by_type(TranslateNode):
        var = node.filter_expression.var
        if isinstance(var, Variable) and var.literal is not None:
            context = node.message_context
            yield (context.resolve(empty) if context else None, str(var.literal), None)
    for node in template.nodelist.get_nodes_by_type(BlockTranslateNode):
        singular, _vars = node.render_token_list(node.singular)
        plural = node.render_token_list(node.plural)[0] if node.plural else None
        context = node.message_context
        yield (context.resolve(empty) if context else None, singular, plural)
    for token in Lexer(source).tokenize():
        if token.token_type in (TokenType.BLOCK, TokenType.VAR):
            for match in UNDERSCORE_LITERAL.finditer(token.contents):
                yield (None, match["text"], None)


GETTEXT_FUNCTIONS = {
    "_": 0,
    "gettext": 0,
    "gettext_lazy": 0,
    "ngettext": 0,
    "ngettext_lazy": 0,
    "pgettext": 1,
    "pgettext_lazy": 1,
    "npgettext": 1,
    "npgettext_lazy": 1,
}


def app_modules():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in NOT_APP_CODE or "migrations" in relative.parts:
            continue
        yield relative


def module_msgids(relative):
    """(msgctxt, msgid, msgid_plural) of every gettext call with literal text."""
    tree = ast.parse((ROOT / relative).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        if name not in GETTEXT_FUNCTIONS:
            continue
        texts = [
            arg.value
            for arg in node.args
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
        ]
        first = GETTEXT_FUNCTIONS[name]
        if len(texts) <= first:
            continue
        context = texts[0] if first else None
        plural = texts[first + 1] if name.startswith(("n", "np")) else None
        yield (context, texts[first], plural)


@pytest.fixture(scope="module")
def catalogue():
    assert CATALOGUE.exists(), f"No Spanish catalogue at {CATALOGUE}"
    return {(entry.msgctxt, entry.msgid): entry for entry in polib.pofile(CATALOGUE)}


PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sd]")
# Translations of template text are output as they are: a tag or a straight
# quote the msgid lacks would break the page (or an attribute holding it).
MARKUP = re.compile(r"<[^>]*>|\"")


def problems_with(entry, msgid_plural):
    if entry is None:
        return "missing from the catalogue (run makemessages)"
    if entry.obsolete or "fuzzy" in entry.flags:
        return "fuzzy or obsolete"
    if not entry.translated():
        return "not translated"
    if msgid_plural is not None and entry.msgid_plural != msgid_plural:
        return "plural form differs from the catalogue's"
    wanted = sorted(set(PLACEHOLDER.findall(entry.msgid)))
    translations = (
        entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
    )
    markup = sorted(MARKUP.findall(entry.msgid))
    for msgstr in translations:
        if sorted(set(PLACEHOLDER.findall(msgstr))) != wanted:
            return f"placeholders differ: {msgstr!r}"
        if sorted(MARKUP.findall(msgstr)) != markup:
            return f"HTML tags or quotes differ: {msgstr!r}"
    return None


def test_the_public_templates_are_found_and_the_admin_ones_left_out():
    names = public_templates()
    assert {"base.html", "404.html", "503.html", "contact/contact_page.html"} <= set(
        names
    )
    assert not [
        name
        for name in names
        if name.startswith(("wagtailadmin/", "insights/", "two_factor/"))
        or "/admin/" in name
    ]


@pytest.mark.parametrize("name", public_templates())
def test_public_template_has_no_untranslated_text(name):
    source = (TEMPLATES / name).read_text(encoding="utf-8")
    found = untranslated(source)
    assert not found, f"{name}: untranslated text:\n" + "\n".join(
        f"  line {line}: {text}" for line, text in found
    )


@pytest.mark.parametrize("name", public_templates())
def test_public_template_msgids_are_translated_in_spanish(name, catalogue):
    failures = [
        f"  {msgid!r}: {problem}"
        for context, msgid, plural in template_msgids(name)
        if (problem := problems_with(catalogue.get((context, msgid)), plural))
    ]
    assert not failures, f"{name}:\n" + "\n".join(failures)


def test_python_msgids_are_translated_in_spanish(catalogue):
    failures = [
        f"  {relative}: {msgid!r}: {problem}"
        for relative in app_modules()
        for context, msgid, plural in module_msgids(relative)
        if (problem := problems_with(catalogue.get((context, msgid)), plural))
    ]
    assert not failures, "\n".join(failures)


def test_every_catalogue_entry_is_translated_and_none_is_fuzzy(catalogue):
    failures = [
        f"  {entry.msgid!r}: {problem}"
        for entry in catalogue.values()
        if not entry.obsolete and (problem := problems_with(entry, entry.msgid_plural))
    ]
    assert not failures, "\n".join(failures)


def test_the_committed_mo_matches_the_po(tmp_path):
    """Compiled with polib, so no gettext tools are needed to check it."""
    fresh = tmp_path / "django.mo"
    polib.pofile(CATALOGUE).save_as_mofile(fresh)

    def messages(path):
        mo = polib.mofile(path)
        return mo.metadata.get("Plural-Forms"), {
            (entry.msgctxt, entry.msgid): (entry.msgstr, entry.msgstr_plural)
            for entry in mo
        }

    assert COMPILED.exists(), f"Compile the catalogue: no {COMPILED}"
    assert messages(COMPILED) == messages(fresh), (
        "locale/es/LC_MESSAGES/django.mo is out of date: run "
        "`manage.py compilemessages --ignore=.venv` and commit it."
    )


def test_spanish_is_served_from_the_committed_catalogue():
    with override_settings(LOCALE_PATHS=[ROOT / "locale"]), translation.override("es"):
        assert translation.gettext("Skip to content") == "Saltar al contenido"
