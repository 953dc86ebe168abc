"""What the content checks keep: the claim phrases, and each external link's
last check with the pages that use it."""

from http import HTTPStatus

from django.db import models
from django.urls import reverse

from wagtail.admin.panels import FieldPanel
from wagtail.admin.utils import get_admin_base_url
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


class ExternalLink(models.Model):
    """An address on another site that a live page links to, as last checked."""

    url = models.URLField(max_length=2000, unique=True)
    status_code = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The HTTP status of the last answer."
    )
    error = models.CharField(
        max_length=120,
        blank=True,
        help_text="Why there was no answer (timed out, refused, …).",
    )
    is_broken = models.BooleanField(default=False)
    first_broken_at = models.DateTimeField(
        null=True, blank=True, help_text="When it was first found broken, this time."
    )
    last_checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["url"]
        verbose_name = "external link"
        indexes = [models.Index(fields=["is_broken"], name="health_link_broken_idx")]

    def __str__(self):
        return self.url

    @property
    def status_label(self):
        """The last answer as an editor reads it: "404 Not Found", "Timed out"."""
        if self.error:
            return self.error
        if self.status_code is None:
            return "Not checked yet"
        try:
            return f"{self.status_code} {HTTPStatus(self.status_code).phrase}"
        except ValueError:
            return str(self.status_code)


class ExternalLinkUse(models.Model):
    """One live page linking to an external address, with the link's text."""

    link = models.ForeignKey(
        ExternalLink, on_delete=models.CASCADE, related_name="uses"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    text = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["page__title", "text"]
        verbose_name = "external link use"
        constraints = [
            models.UniqueConstraint(
                fields=["link", "page", "text"], name="health_link_use_unique"
            )
        ]

    def __str__(self):
        return f"{self.text or self.link.url} on page #{self.page_id}"

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.page_id])

    @property
    def admin_url(self):
        """The page's editor as a full address, for a downloaded report."""
        return (get_admin_base_url() or "").rstrip("/") + self.edit_url
