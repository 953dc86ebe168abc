from django import template

from core import phone

register = template.Library()


@register.filter
def phone_display(value):
    return phone.display(value)


@register.filter
def tel_href(value):
    return phone.tel_href(value)
