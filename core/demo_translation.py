"""Spanish demo pages, translated the way an editor translates a page.

In the admin an editor chooses "Translate" on an English page; wagtail-localize
then keeps the English as a translation source, splits it into segments (the
title, the slug, each paragraph, heading and list item) and builds the Spanish
page from the Spanish of each segment. `translate_page` does the same steps
with the demo's Spanish text, so the Spanish demo pages open in wagtail-
localize's translation editor like any other translation, and it tells
editors when their English source changes.

Each app's `demo_es.py` writes its Spanish in the shape of its English (the
same fields; a body with the same blocks, paragraphs and links in the same
order), and the two are paired segment by segment. Text that no longer pairs
(the English demo text changed, the Spanish did not) stops the loader with the
segments that differ, rather than leave English on a Spanish page.
"""

import re

from wagtail.fields import StreamField
from wagtail.models import Locale

from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

SPANISH = "es"
# A link in a segment: wagtail-localize keeps its address aside and names it.
LINK = re.compile(r'<a id="(a\d+)">')
BLOCK_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class SpanishTextMismatch(Exception):
    """The Spanish demo text does not have the shape of the English page."""


def spanish_locale():
    return Locale.objects.get(language_code=SPANISH)


def translate_page(page, spanish, log):
    """The Spanish translation of `page`, made and published from `spanish`
    ({field name: its Spanish value, as the English page's demo loader sets
    it}), or the one that already exists, left as editors have it.

    """
    locale = spanish_locale()
    page = page.specific
    if page.has_translation(locale):
        return page.get_translation(locale)
    source, _created = TranslationSource.update_or_create_from_instance(page)
    for segment, text in paired_segments(source, page, spanish):
        string_translation, _created = StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": text,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "has_error": False,
            },
        )
        if string_translation.has_error:
            # wagtail-localize would quietly show the English instead.
            raise SpanishTextMismatch(
                f"“{page.title}” (page {page.pk}): the Spanish “{text[:60]}” "
                "is not valid for its segment (a link the English lacks?)"
            )
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale
    )
    # Saved as a draft, then published at once, where wagtail-localize's own
    # "Publish" (`save_target(publish=True)`) publishes once the transaction
    # commits: its revision then holds the page as it was when saved, so in
    # one transaction with the pages below it (the demo's) it would undo the
    # tree's count of their children, and they would not be found.
    translation.save_target(publish=False)
    spanish_page = translation.get_target_instance()
    spanish_page.get_latest_revision().publish()
    spanish_page.refresh_from_db()
    log(f"Translated “{page.title}” into Spanish: “{spanish_page.title}”")
    return spanish_page


def paired_segments(source, page, spanish):
    """[(the English StringSegment, its Spanish text)] in page order."""
    english = list(
        StringSegment.objects.filter(source=source)
        .select_related("string", "context")
        .order_by("order")
    )
    fields = {segment.context.path.split(".")[0] for segment in english}
    missing = fields - set(spanish)
    unused = set(spanish) - fields
    if missing or unused:
        raise SpanishTextMismatch(
            f"“{page.title}” (page {page.pk}): "
            + "; ".join(
                part
                for part in (
                    missing and "no Spanish for " + ", ".join(sorted(missing)),
                    unused
                    and "Spanish for fields the English page leaves empty: "
                    + ", ".join(sorted(unused)),
                )
                if part
            )
        )
    mirror = as_saved(type(page)(**spanish))
    translated = [
        segment
        for segment in extract_segments(mirror)
        if isinstance(segment, StringSegmentValue)
    ]
    shape = [(shape_of(s.context.path), s.string.data) for s in english]
    spanish_shape = [(shape_of(s.path), s.string.data) for s in translated]
    if [where for where, _text in shape] != [where for where, _text in spanish_shape]:
        raise SpanishTextMismatch(
            f"“{page.title}” (page {page.pk}): the Spanish text has other "
            "blocks, paragraphs or list items than the English:\n"
            + "\n".join(difference(shape, spanish_shape))
        )
    pairs = [
        (segment, value.string.data)
        for segment, value in zip(english, translated, strict=True)
    ]
    unlinked = [
        f"  “{text[:60]}”"
        for segment, text in pairs
        if LINK.findall(segment.string.data) != LINK.findall(text)
    ]
    if unlinked:
        raise SpanishTextMismatch(
            f"“{page.title}” (page {page.pk}): these Spanish segments lack the "
            "links of their English ones, or have others:\n" + "\n".join(unlinked)
        )
    return pairs


def as_saved(instance):
    """`instance` with its StreamFields as saving it stores them (each block
    with an id, which wagtail-localize names segments by)."""
    for field in instance._meta.get_fields():
        if isinstance(field, StreamField):
            value = field.get_prep_value(getattr(instance, field.name))
            setattr(instance, field.name, value)
    return instance


def shape_of(path):
    """A segment's place with the block ids left out ("body.*.text"): the
    English page's blocks and the Spanish text's have ids of their own."""
    return ".".join("*" if BLOCK_ID.match(part) else part for part in path.split("."))


def difference(english, spanish):
    lines = []
    for index in range(max(len(english), len(spanish))):
        here = english[index] if index < len(english) else ("-", "")
        there = spanish[index] if index < len(spanish) else ("-", "")
        if here[0] != there[0]:
            lines.append(
                f"  {index}: English {here[0]} “{here[1][:60]}” / "
                f"Spanish {there[0]} “{there[1][:60]}”"
            )
    return lines
