from django import template

from insights import reports

register = template.Library()


@register.filter
def duration(value):
    return reports.duration(value)
