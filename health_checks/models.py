"""What the content checks keep: the claim phrases."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

DEFAULT_CLAIM_PHRASES = "\n".join(
    [
        "guaranteed",
        "cure",
        "cured",
        "100%",
        "success rate",
        "best rehab",
        "miracle",
        "painless detox",
        "free rehab",
    ]
)


@register_setting(icon="warning")
class ClaimPhrases(BaseGenericSetting):
    """Words and phrases that health content should not use without a medical
    reviewer's say-so: promises of results, superlatives, "free"."""

    phrases = models.TextField(
        default=DEFAULT_CLAIM_PHRASES,
        blank=True,
        help_text="One word or phrase per line, matched as whole words whatever "
        "the capitals (“cure” finds “Cure” but not “secure”). Articles and "
        "treatment programs using one get a warning when saved or submitted, "
        "and are listed in Reports → Claims to check. Nothing is ever blocked.",
    )

    panels = [FieldPanel("phrases")]

    # Read by the editor and the report, never shown on a page: saving it
    # leaves cached pages alone (core.frontend_cache).
    shown_on_pages = False

    class Meta:
        verbose_name = "claim phrases"
        verbose_name_plural = "claim phrases"

    def __str__(self):
        return "Claim phrases"
