"""Reading what search engines and share cards need from any kind of page.

Page types differ (an article has a summary, a standard page an introduction, a
location a rich-text description), so each fact is looked up by duck typing on
the specific page, in order of preference, instead of per page type.
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils.html import strip_tags
from django.utils.text import Truncator

from wagtail.fields import RichTextField

DESCRIPTION_FIELDS = ("search_description", "summary", "introduction", "description")
DESCRIPTION_MAX_CHARS = 300
IMAGE_FIELDS = ("hero_image", "image", "listing_image")


def page_description(page):
    """The page's own one- or two-sentence description, as plain text, or ""."""
    for name in DESCRIPTION_FIELDS:
        value = getattr(page, name, None)
        if not value:
            continue
        text = str(value)
        if is_rich_text(page, name):
            # A location's description: only its words, without the markup.
            text = strip_tags(text)
        text = " ".join(text.split())
        if text:
            return Truncator(text).chars(DESCRIPTION_MAX_CHARS)
    return ""


def is_rich_text(page, name):
    try:
        return isinstance(page._meta.get_field(name), RichTextField)
    except FieldDoesNotExist:
        return False


def page_image(page):
    """The page's main image (a hero image), or None."""
    for name in IMAGE_FIELDS:
        image = getattr(page, name, None)
        if image is not None and hasattr(image, "get_rendition"):
            return image
    return None


def share_image(page):
    """The image for share cards: the one chosen for sharing, else the main one."""
    chosen = getattr(page, "share_image", None)
    if chosen is not None and hasattr(chosen, "get_rendition"):
        return chosen
    return page_image(page)
