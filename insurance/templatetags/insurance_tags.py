from django import template

from wagtail.models import Site

from core import generation
from insurance.models import Insurer, VerifyInsurancePage

register = template.Library()


@register.simple_tag(takes_context=True)
def verify_insurance_url(context):
    """The address of this site's live insurance verification page, or ""."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return ""

    def load():
        page = VerifyInsurancePage.objects.live().in_site(site).first()
        return (page.get_url(request) or "") if page else ""

    return generation.remembered(request, f"verify-insurance-url:{site.pk}", load)


@register.simple_tag
def accepted_insurers():
    """The accepted insurers' names, in the order editors gave them."""
    return list(Insurer.objects.values_list("name", flat=True))
