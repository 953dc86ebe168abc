from django import template
from django.utils.translation import get_language

from wagtail.models import Site

from core import generation, languages
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
        if page is None:
            return ""
        # The page in the visitor's language where it has been translated.
        return languages.in_visitors_language(page).get_url(request) or ""

    return generation.remembered(
        request, f"verify-insurance-url:{site.pk}:{get_language()}", load
    )


@register.simple_tag
def accepted_insurers():
    """The accepted insurers' names, in the order editors gave them."""
    return list(Insurer.objects.values_list("name", flat=True))
