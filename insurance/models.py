"""Insurance verification: the accepted insurers, the page families check their
coverage on, and what they give us for it.

A verification is an Inquiry of kind "insurance" (so it shares the admissions
inbox, assignment, notes, audit log, notification and retention) with its
InsuranceDetails beside it. Member ID, group number, the policy holder's date
of birth and the card photos are encrypted at rest (core.encryption); the
photos are files outside MEDIA_ROOT that only an admin view reads.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from contact.models import RICH_TEXT_FEATURES, Inquiry
from core.encryption import EncryptedTextField
from seo.models import SeoMixin


def card_storage():
    # No base_url: nothing under this storage has an address a browser can ask.
    return FileSystemStorage(
        location=settings.INSURANCE_CARD_ROOT,
        base_url="/no-public-address/",
        file_permissions_mode=0o600,
        directory_permissions_mode=0o700,
    )


class Insurer(Orderable):
    """An insurance company or plan the center accepts: the one list behind the
    "Accepted insurers" block and the carrier choices of the verification form."""

    name = models.CharField(max_length=120, unique=True)

    panels = [FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = "accepted insurer"

    def __str__(self):
        return self.name


class VerifyInsurancePage(RoutablePageMixin, SeoMixin, Page):
    """Three short steps: who needs help, their insurance, the card and consent."""

    intro = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Shown above the steps: what we check, that it is free, how soon "
        "we answer.",
    )
    privacy_notice = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Shown beside the consent box on the last step: what we do with "
        "the details and card photos, who sees them and how long we keep them.",
    )
    thank_you_text = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="What happens next, after they send it. The admissions phone, "
        "hours and crisis lines are added automatically.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("privacy_notice"),
        FieldPanel("thank_you_text"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "insurance verification page"

    def sections_showing_it(self):
        # Every page's header (and any verification block) links here, so its
        # publishing or unpublishing drops its whole site from the front cache.
        site = self.get_site()
        return [site.root_page.specific_deferred] if site else []

    # The views live in insurance/views.py; these routes only connect them.
    @path("")
    def verification_steps(self, request):
        from insurance import views

        return views.verification_steps(request, self)

    @path("thank-you/")
    def thank_you(self, request):
        from insurance import views

        return views.thank_you(request, self)


class InsuranceDetails(models.Model):
    """The insurance part of one verification (an Inquiry of kind "insurance")."""

    class Relationship(models.TextChoices):
        SELF = "self", _("The patient is the policy holder")
        SPOUSE = "spouse", _("Spouse or partner")
        PARENT = "parent", _("Parent or guardian")
        CHILD = "child", _("Son or daughter")
        OTHER = "other", _("Other")

    inquiry = models.OneToOneField(
        Inquiry, on_delete=models.CASCADE, related_name="insurance"
    )
    insurer = models.ForeignKey(
        Insurer,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="insurance company",
    )
    insurer_other = models.CharField(
        "insurance company (not on our list)", max_length=120, blank=True
    )
    member_id = EncryptedTextField("member ID", max_length=40)
    group_number = EncryptedTextField(blank=True, max_length=40)
    holder_name = models.CharField("policy holder", max_length=150)
    # ISO date (YYYY-MM-DD) as text: an encrypted value is not a date column.
    holder_date_of_birth = EncryptedTextField(
        "policy holder's date of birth", max_length=10
    )
    relationship = models.CharField(
        "policy holder is", max_length=10, choices=Relationship.choices
    )
    # Names in card_storage() of the encrypted photos; empty when none was sent
    # or once purged (cards_deleted_at).
    card_front = models.CharField(max_length=100, blank=True, editable=False)
    card_back = models.CharField(max_length=100, blank=True, editable=False)
    cards_deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "insurance details"
        verbose_name_plural = "insurance details"

    def __str__(self):
        return f"Insurance details of inquiry #{self.inquiry_id}"

    @property
    def insurer_name(self):
        return self.insurer.name if self.insurer else self.insurer_other

    def card_names(self):
        """{side: stored file name} of the photos still kept."""
        return {
            side: name
            for side, name in (("front", self.card_front), ("back", self.card_back))
            if name
        }
