from django import template
from django.utils.safestring import mark_safe

from wagtail.models import Page

from core import fragments

register = template.Library()


@register.tag
def page_fragment(parser, token):
    """`{% page_fragment "content" %}…{% endpage_fragment %}`: the enclosed part
    of a page template, cached for the page's live revision (see core.fragments).

    The page's get_context can ask `fragments.cached(request, page, name)` first
    and skip fetching what only the enclosed part uses.
    """
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one name.")
    nodelist = parser.parse(("endpage_fragment",))
    parser.delete_first_token()
    return PageFragmentNode(nodelist, parser.compile_filter(bits[1]))


class PageFragmentNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        request = context.get("request")
        page = context.get("page")
        if request is None or page is None:
            return self.nodelist.render(context)
        name = self.name.resolve(context)
        html = fragments.cached(request, page, name)
        if html is None:
            html = self.nodelist.render(context)
            fragments.store(request, page, name, html)
        return mark_safe(html)  # noqa: S308 - our own template's rendered output


def render_kept(key, nodelist, context, timeout=fragments.CACHE_TIMEOUT):
    """The kept HTML under `key`, else `nodelist` rendered and kept (never kept
    when `key` is empty)."""
    html = fragments.cached_for_address(key)
    if html is None:
        html = nodelist.render(context)
        fragments.store_for_address(key, html, timeout)
    return mark_safe(html)  # noqa: S308 - our own template's rendered output


@register.tag
def address_fragment(parser, token):
    """`{% address_fragment "header" %}…{% endaddress_fragment %}`: a part every
    page repeats that depends only on the site's content and the address shown
    (header, footer, breadcrumbs), cached per address and content generation.

    Add `unless_query` for a part that also depends on the query string (the
    head's canonical link names the page of a list): it is then rendered afresh
    whenever there is one. Views that are not Wagtail pages set
    `fixed_address` in their context when their address is one of the site's
    own (search), never one a visitor made up.
    """
    bits = token.split_contents()
    if len(bits) not in (2, 3) or (len(bits) == 3 and bits[2] != "unless_query"):
        raise template.TemplateSyntaxError(
            f'{bits[0]} takes a name and optionally "unless_query".'
        )
    nodelist = parser.parse(("endaddress_fragment",))
    parser.delete_first_token()
    return AddressFragmentNode(
        nodelist, parser.compile_filter(bits[1]), with_query=len(bits) == 3
    )


class AddressFragmentNode(template.Node):
    def __init__(self, nodelist, name, *, with_query):
        self.nodelist = nodelist
        self.name = name
        self.with_query = with_query

    def render(self, context):
        page = context.get("page")
        key = fragments.address_key(
            context.get("request"),
            page if isinstance(page, Page) else None,
            self.name.resolve(context),
            with_query=self.with_query,
            fixed_address=bool(context.get("fixed_address")),
        )
        return render_kept(key, self.nodelist, context)


@register.tag
def answer_fragment(parser, token):
    """`{% answer_fragment key timeout %}…{% endanswer_fragment %}`: a view's own
    answer, cached under the key the view made with `fragments.answer_key`
    (rendered afresh when the key is empty), for `timeout` seconds at most."""
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a key and a timeout.")
    nodelist = parser.parse(("endanswer_fragment",))
    parser.delete_first_token()
    return AnswerFragmentNode(
        nodelist, parser.compile_filter(bits[1]), parser.compile_filter(bits[2])
    )


class AnswerFragmentNode(template.Node):
    def __init__(self, nodelist, key, timeout):
        self.nodelist = nodelist
        self.key = key
        self.timeout = timeout

    def render(self, context):
        key = self.key.resolve(context)
        return render_kept(key, self.nodelist, context, self.timeout.resolve(context))
