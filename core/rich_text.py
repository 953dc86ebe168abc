"""Filling in the admissions phone where editors typed `[phone]` in rich text.

The number lives only in CenterSettings, so text such as "call us today at
[phone]" keeps showing the current number after admissions changes it.
"""

import re

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from wagtail.models import Page
from wagtail.rich_text import pages

from core import languages

PHONE_TOKEN = "[phone]"  # noqa: S105 - a placeholder, not a secret
# Splitting on tags keeps attribute values untouched and tells text inside a link
# (where a nested link would be invalid HTML) from text outside one.
TAG = re.compile(r"(<[^>]*>)")
LINK_OPEN = re.compile(r"<a[\s>]", re.IGNORECASE)


def insert_admissions_phone(html, center):
    """Sanitised rich-text HTML with each `[phone]` replaced by a call link."""
    html = str(html)
    if PHONE_TOKEN not in html:
        return mark_safe(html)  # noqa: S308 - already Wagtail's sanitised output
    link = format_html(
        '<a href="{}">{}</a>',
        center.admissions_phone_href,
        center.admissions_phone_display,
    )
    plain = escape(center.admissions_phone_display)
    parts = TAG.split(html)
    links_open = 0
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            if LINK_OPEN.match(part):
                links_open += 1
            elif part.lower().startswith("</a"):
                links_open = max(links_open - 1, 0)
        else:
            parts[index] = part.replace(PHONE_TOKEN, plain if links_open else link)
    return mark_safe("".join(parts))  # noqa: S308 - only escaped text was added


class PageLinkHandler(pages.PageLinkHandler):
    """Links to pages in rich text, from one query however many pages they link.

    Wagtail's own handler turns every linked page into its specific type, a
    query for the types and one per type; a link needs only the address, which
    the generic page has (`url_path`, and the sites' root paths Wagtail keeps).
    No page type here overrides how its address is made
    (tests/core/test_rich_text_links.py fails if one does).
    """

    @classmethod
    def get_many(cls, attrs_list):
        ids = [attrs.get("id") for attrs in attrs_list]
        found = Page.objects.filter(id__in=ids).only(
            "id", "url_path", "path", "depth", "locale_id", "translation_key", "live"
        )
        by_id = {str(page.pk): page for page in found}
        return [by_id.get(str(page_id)) for page_id in ids]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        # Wagtail's asks each page for its translation (`page.localized`, two
        # queries a link); here all links' translations come in one query, and
        # none in a page's own language.
        pages_linked = cls.get_many(attrs_list)
        languages.prepare_translations([page for page in pages_linked if page])
        return [
            f'<a href="{escape(languages.in_visitors_language(page).url)}">'
            if page
            else "<a>"
            for page in pages_linked
        ]
