"""Text as the body's rich text stores it: sanitised by nh3, links pointed at the
imported pages, the admissions number written as the phone token."""

import re
import warnings

import nh3
import phonenumbers
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

from core.phone import DEFAULT_REGION
from core.rich_text import PHONE_TOKEN

INLINE_TAGS = {"b", "i", "a", "br"}
LIST_TAGS = INLINE_TAGS | {"ul", "ol", "li"}
RENAME = {"strong": "b", "em": "i"}


def soup(html, parser="html.parser"):
    # A paragraph that is only an address is content here, not a mistake.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return BeautifulSoup(html, parser)


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr(text):
    return escape(text).replace('"', "&quot;")


def sanitise(html, tags, context):
    """`html` with only `tags` (and a link's href), links pointed at the
    imported pages and the admissions number written as the phone token."""
    for old, new in RENAME.items():
        html = re.sub(rf"<(/?){old}\b", rf"<\1{new}", html, flags=re.I)
    cleaned = nh3.clean(
        html,
        tags=set(tags),
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
        strip_comments=True,
    )
    document = soup(cleaned, "html.parser")
    for link in document.find_all("a"):
        rewrite_link(link, context)
    for text in document.find_all(string=True):
        replaced = phone_token(str(text), context.admissions_phone)
        if replaced != str(text):
            text.replace_with(replaced)
    # Wagtail stores <br/>; BeautifulSoup writes <br/> for void elements.
    return str(document).strip()


def rewrite_link(link, context):
    href = (link.get("href") or "").strip()
    if not href:
        link.unwrap()
        return
    if href.lower().startswith("tel:") and context.admissions_phone:
        number = e164(href[4:])
        if number == context.admissions_phone:
            text = link.get_text()
            if phone_token(text, context.admissions_phone) == text:
                link.insert_after(f" ({PHONE_TOKEN})")
            link.unwrap()
            return
    replacement = context.find_link(href)
    if replacement is None:
        return
    link.attrs = {}
    for key, value in replacement.items():
        link[key] = value


def e164(value):
    try:
        number = phonenumbers.parse(value, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_token(text, admissions_phone):
    """`text` with the admissions number, however it is written, as [phone]."""
    if not admissions_phone or not any(ch.isdigit() for ch in text):
        return text
    spans = []
    for match in phonenumbers.PhoneNumberMatcher(text, DEFAULT_REGION):
        formatted = phonenumbers.format_number(
            match.number, phonenumbers.PhoneNumberFormat.E164
        )
        if formatted == admissions_phone:
            spans.append((match.start, match.end))
    for start, end in reversed(spans):
        text = text[:start] + PHONE_TOKEN + text[end:]
    return text


def plain_text(html):
    return " ".join(soup(html or "", "html.parser").get_text(" ").split())
