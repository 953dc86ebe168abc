from django.utils.translation import gettext_lazy as _

from wagtail import blocks


class VerifyInsuranceBlock(blocks.StructBlock):
    """A call to check coverage that editors place in any page body: it leads to
    the insurance verification page, noting the page it was pressed on."""

    heading = blocks.CharBlock(
        max_length=120, default=_("Check your insurance coverage")
    )
    text = blocks.TextBlock(
        required=False,
        max_length=300,
        default=_(
            "Free and confidential: three short steps, and admissions calls "
            "you back with what your plan covers."
        ),
    )
    button_label = blocks.CharBlock(
        max_length=40,
        default=_("Verify your insurance"),
        help_text="Say what happens: “Verify your insurance”, “Check my coverage”.",
    )

    class Meta:
        icon = "form"
        label = "Insurance verification"
        template = "insurance/blocks/verify_insurance.html"
        preview_value = {
            "heading": "Check your insurance coverage",
            "text": "Free and confidential.",
            "button_label": "Verify your insurance",
        }
