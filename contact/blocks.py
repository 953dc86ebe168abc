import secrets

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.models import Site


class InquiryFormBlock(blocks.StructBlock):
    """A compact inquiry form an editor can place in any page body.

    It posts to the same handler as the contact page, so every inquiry is stored,
    protected and followed up the same way wherever it was sent from.
    """

    heading = blocks.CharBlock(
        max_length=120,
        default=_("Ask us a question"),
        help_text="Shown above the form.",
    )
    text = blocks.TextBlock(
        required=False,
        max_length=300,
        help_text="Optional reassurance, e.g. who will reply and how soon.",
    )

    class Meta:
        icon = "mail"
        label = "Inquiry form"
        template = "contact/blocks/inquiry_form.html"
        preview_value = {
            "heading": "Ask us a question",
            "text": "Our admissions team replies within one business day.",
        }

    def get_context(self, value, parent_context=None):
        # Imported here: core.blocks imports this module while models load.
        from contact.forms import InquiryForm
        from contact.models import ContactPage
        from core import languages

        context = super().get_context(value, parent_context=parent_context)
        parent_context = parent_context or {}
        page = parent_context.get("page")
        # Tokens and campaign parameters are filled in by site.js, never baked
        # into a page a front cache may share between visitors.
        initial = {"form_token": "", "source_page": getattr(page, "pk", "")}
        # Unique ids, so two forms on one page never share a label target.
        form_id = f"inquiry-{secrets.token_hex(3)}"
        context["form_id"] = form_id
        context["inquiry_form"] = InquiryForm(initial=initial, auto_id=f"{form_id}-%s")
        # The contact page of the center whose site shows the block, in the
        # visitor's language: the inquiry is that center's (contact.centers).
        request = parent_context.get("request")
        site = Site.find_for_request(request) if request is not None else None
        contact_pages = ContactPage.objects.live()
        if site is not None:
            contact_pages = contact_pages.in_site(site)
        contact_page = contact_pages.first()
        if contact_page is not None:
            contact_page = languages.in_visitors_language(contact_page)
            context["contact_url"] = contact_page.get_url(request)
        context["contact_page"] = contact_page
        return context
