from django import template

from wagtail.models import Site

from core import languages
from core.models import CenterSettings
from core.rich_text import insert_admissions_phone

register = template.Library()


@register.simple_tag(takes_context=True)
def center_settings(context):
    """CenterSettings for this request (cached on it), or for the default site.

    Block templates can also be rendered without a request (previews, feeds).
    """
    request = context.get("request")
    if request is not None:
        return CenterSettings.for_request(request)
    site = Site.objects.filter(is_default_site=True).first()
    # Without any site the defaults (the center's real number) still render.
    return CenterSettings.for_site(site) if site else CenterSettings()


@register.simple_tag(takes_context=True)
def rich_text_with_phone(context, value):
    """Render rich text with `[phone]` replaced by the admissions number."""
    # prepare_body() may already have expanded the links of every rich text
    # on the page in one pass.
    html = getattr(value, "expanded_html", None)
    if html is None:
        html = value.__html__() if hasattr(value, "__html__") else str(value)
    return insert_admissions_phone(html, center_settings(context))


@register.filter
def in_visitors_language(page):
    """The page in the visitor's language when it is translated (core.languages)."""
    return languages.in_visitors_language(page)


@register.filter
def language_if_other(page):
    """The page's language code when it is not the visitor's, else "", for
    the `lang` of its title on a page in another language."""
    return languages.language_if_other(page)
