from django import template
from django.utils.safestring import mark_safe

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
