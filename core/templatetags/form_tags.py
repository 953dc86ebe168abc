"""A blank form's fields, rendered once per process and content generation.

A form shown empty (the contact page's, on every GET) has the same markup for
every visitor but for a few hidden values: its one-time token, the page it is
sent from, the campaign that brought the visitor. Rendering the widgets through
their templates cost most of the contact page (measured: about 60% of a warm
GET), so the fields are rendered once with a stand-in in each of those values,
kept with generation.remembered, and each visitor's own values put in their
place. The form names its fresh values (`fresh_fields`). A form with answers
(sent back with mistakes) is always rendered afresh.

The CSRF token is never in here: templates render it with `{% csrf_token %}`
outside this tag.
"""

import hashlib
import secrets

from django import template
from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core import generation

register = template.Library()

# Unguessable, so no text an editor or visitor writes can be taken for one.
STAND_IN = "fresh-" + secrets.token_hex(12) + "-{}"


@register.simple_tag(takes_context=True)
def form_fields(context, template_name, form, **extra):
    """`template_name` rendered with `form` (and `extra`), kept when it is blank."""
    flat = {**context.flatten(), **extra, "form": form}
    if form.is_bound:
        return render_to_string(template_name, flat)
    fresh = form.fresh_fields
    fixed = sorted(
        (name, str(value)) for name, value in form.initial.items() if name not in fresh
    )
    key = hashlib.sha256(
        repr(
            (
                template_name,
                type(form).__qualname__,
                form.auto_id,
                form.prefix,
                get_language(),
                fixed,
                sorted(extra.items()),
            )
        ).encode()
    ).hexdigest()

    def render_with_stand_ins():
        stand_in_form = type(form)(
            initial={**form.initial, **{name: STAND_IN.format(name) for name in fresh}},
            auto_id=form.auto_id,
            prefix=form.prefix,
        )
        return render_to_string(template_name, {**flat, "form": stand_in_form})

    html = generation.remembered(
        context.get("request"), f"blank-form:{key}", render_with_stand_ins
    )
    for name in fresh:
        stand_in = f' value="{STAND_IN.format(name)}"'
        if html.count(stand_in) != 1:
            raise ValueError(f"{template_name} must show the hidden field {name} once")
        value = form[name].value()
        # As Django's input widgets write it: no value attribute when empty.
        shown = "" if value in (None, "") else f' value="{conditional_escape(value)}"'
        html = html.replace(stand_in, shown)
    return mark_safe(html)  # noqa: S308 - rendered by the template engine
