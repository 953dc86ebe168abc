"""Claims to check: listed phrases found in the words of health content.

Health content is every page type under medical review (those built on
editorial.models.HealthContentPermissions: articles, treatment programs and
their index pages). Its title, summary or introduction and every text of its
body are checked; a phrase counts only as whole words, whatever the capitals,
like the emergency words of an inquiry (contact.models.InquirySettings).
"""

import html
import json
import re
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst

from wagtail.fields import StreamField
from wagtail.models import Page, Revision, get_page_models

from editorial.models import HealthContentPermissions, MedicalReviewTask

# The fields checked besides the title and body, where a page type has them.
INTRODUCTION_FIELDS = ("summary", "intro", "introduction")
# Keys in a body's stored data whose text is a choice, an id or an address,
# not words a reader sees (alt text and captions are checked).
NOT_TEXT_KEYS = frozenset({"type", "id", "action", "level", "tone", "anchor", "url"})
TAG = re.compile(r"<[^>]*>")
WORD = re.compile(r"[a-z0-9]+")


def normalise(text):
    """Lower case, one space between words, one kind of apostrophe."""
    return " ".join(text.replace("’", "'").lower().split())


def plain_text(value):
    """The words of a text or rich-text value, tags taken out."""
    return html.unescape(TAG.sub(" ", value))


class PhraseList:
    """The listed phrases, ready to find in a text."""

    def __init__(self, text):
        self.phrases = []
        seen = set()
        for line in (text or "").splitlines():
            phrase = " ".join(line.split())
            key = normalise(phrase)
            if key and key not in seen:
                seen.add(key)
                pattern = re.compile(rf"(?<!\w){re.escape(key)}(?!\w)")
                self.phrases.append((phrase, key, pattern))

    def __bool__(self):
        return bool(self.phrases)

    @classmethod
    def from_settings(cls):
        from health_checks.models import ClaimPhrases

        return cls(ClaimPhrases.load().phrases)

    def found_in(self, text):
        """The phrases `text` contains, in the list's order."""
        normalised = normalise(plain_text(text))
        return [
            phrase for phrase, _, pattern in self.phrases if pattern.search(normalised)
        ]

    def database_filter(self, *fields):
        """A filter keeping the rows whose `fields` may hold a phrase.

        A stand-in for the real match, which only Python does: each phrase's
        longest run of plain letters and digits, anywhere in the stored text
        (body and revision JSON included, where "í" may be stored as
        "\\u00ed" and a tag may sit between two words). A phrase without
        one keeps every row.
        """
        words = []
        for _, key, _ in self.phrases:
            candidates = WORD.findall(key)
            if not candidates:
                return Q()
            words.append(max(candidates, key=len))
        query = Q(pk__in=[])
        for word in dict.fromkeys(words):
            for field in fields:
                query |= Q(**{f"{field}__icontains": word})
        return query


def health_page_models():
    return [
        model
        for model in get_page_models()
        if issubclass(model, HealthContentPermissions)
    ]


def is_health_page(page):
    return isinstance(page, HealthContentPermissions)


def checked_fields(model):
    """(field name, label) of what is checked on `model`, in editor order."""
    names = [field.name for field in model._meta.get_fields()]
    fields = [("title", "Title")]
    for name in INTRODUCTION_FIELDS:
        if name in names:
            fields.append((name, capfirst(model._meta.get_field(name).verbose_name)))
    if "body" in names and isinstance(model._meta.get_field("body"), StreamField):
        fields.append(("body", "Body"))
    return fields


def _raw_stream(value):
    """A StreamField value as stored: a list of {"type", "value", "id"}."""
    if value is None:
        return []
    if isinstance(value, str):
        # Revisions keep a StreamField as its JSON text.
        return json.loads(value) if value else []
    if hasattr(value, "get_prep_value"):
        return value.get_prep_value()
    return list(value)


def strings_in(data):
    """Every string a reader may see in a block's stored value."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in NOT_TEXT_KEYS:
                yield from strings_in(value)
    elif isinstance(data, (list, tuple)):
        for item in data:
            yield from strings_in(item)


def texts(model, content):
    """(where, text) for each checked text of a page's `content`, which maps
    field names to values (a page, a revision's content, a values() row)."""
    get = (
        content.get
        if isinstance(content, dict)
        else lambda name: getattr(content, name, None)
    )
    for name, label in checked_fields(model):
        value = get(name)
        if name != "body":
            if value:
                yield label, value
            continue
        child_blocks = model._meta.get_field("body").stream_block.child_blocks
        for number, item in enumerate(_raw_stream(value), start=1):
            block = child_blocks.get(item.get("type"))
            kind = block.label if block else item.get("type")
            where = f"{label}, block {number} ({kind})"
            for text in strings_in(item.get("value")):
                yield where, text


@dataclass(frozen=True)
class Finding:
    phrase: str
    where: str


def findings(model, content, phrases):
    """The listed phrases in a page's content, once per phrase and place."""
    found = {}
    if not phrases:
        return []
    for where, text in texts(model, content):
        for phrase in phrases.found_in(text):
            found.setdefault(Finding(phrase, where), None)
    return list(found)


def in_medical_review(page):
    """Whether `page` waits for a medical reviewer now."""
    state = page.current_workflow_task_state
    return state is not None and isinstance(state.task.specific, MedicalReviewTask)


def warning_text(title, found):
    """What the editor reads: each phrase and where it is."""
    listed = "; ".join(f"“{item.phrase}” in {item.where}" for item in found)
    return (
        f"Claims to check in '{title}': {listed}. Health pages must not promise "
        "results: reword these, or keep them only if a medical reviewer confirms "
        "them. This is a warning; nothing is blocked."
    )


VERSION_LABELS = {
    frozenset({"live"}): "Live",
    frozenset({"draft"}): "Draft",
    frozenset({"live", "draft"}): "Live and draft",
}


@dataclass
class ReportRow:
    page_id: int
    title: str
    phrase: str
    where: str
    versions: set

    @property
    def version(self):
        return VERSION_LABELS[frozenset(self.versions)]

    @cached_property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.page_id])


def report_rows(phrases):
    """Every (page, phrase, place) in health content, live or draft.

    The live version of a live page is its row; a page never published (or
    withdrawn) keeps its draft in its row; the draft of a live page with
    unpublished changes is its latest revision. The database first narrows
    each of them to those that may hold a phrase (PhraseList.database_filter),
    so the report reads only those, however many pages there are.
    """
    if not phrases:
        return []
    rows = {}

    def add(page_id, model, content, version):
        for item in findings(model, content, phrases):
            key = (page_id, item.phrase, item.where)
            if key not in rows:
                rows[key] = ReportRow(page_id, "", item.phrase, item.where, set())
            rows[key].versions.add(version)

    for model in health_page_models():
        names = [name for name, _ in checked_fields(model)]
        pages = model.objects.exact_type(model)
        for page in pages.filter(phrases.database_filter(*names)).values(
            "pk", "live", *names
        ):
            add(page["pk"], model, page, "live" if page["live"] else "draft")
        latest_drafts = pages.filter(live=True, has_unpublished_changes=True).values(
            "latest_revision_id"
        )
        drafts = Revision.page_revisions.filter(pk__in=latest_drafts).filter(
            phrases.database_filter("content")
        )
        for revision in drafts.only("object_id", "content"):
            add(int(revision.object_id), model, revision.content, "draft")
    # Each page under the title editors know it by, its latest draft's.
    titles = dict(
        Page.objects.filter(pk__in={key[0] for key in rows}).values_list(
            "pk", "draft_title"
        )
    )
    for row in rows.values():
        row.title = titles.get(row.page_id, "")
    # Stable: each page's rows keep the editor's order (title, summary, body).
    return sorted(rows.values(), key=lambda row: (row.title.lower(), row.page_id))
