from django import template

from core import phone

register = template.Library()


@register.filter
def phone_display(value):
    return phone.display(value)


@register.filter
def tel_href(value):
    return phone.tel_href(value)


@register.filter
def admissions_phone_for(page, center):
    """The admissions line a page shows: its own (a location's), else the center's.

    A filter rather than `page.admissions_phone` in the template, where a page
    without the field would cost a failed lookup on every view.
    """
    return getattr(page, "admissions_phone", "") or center.admissions_phone
