"""The contact page, the inquiries families send through it, and their settings.

Inquiries hold health information: the message and notes are encrypted at rest
(core.encryption), `__str__` never shows a name (it ends up in audit-log
labels), nothing here is logged, and only the Admissions group may see
them (see the data migration that creates the groups).
"""

import re
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.encryption import EncryptedTextField
from seo.models import SeoMixin

DEFAULT_CRISIS_KEYWORDS = "\n".join(
    [
        "overdose",
        "overdosing",
        "OD'd",
        "suicide",
        "suicidal",
        "kill myself",
        "kill himself",
        "kill herself",
        "end my life",
        "want to die",
        "hurt myself",
        "not breathing",
        "can't breathe",
        "cant breathe",
        "unresponsive",
        "passed out",
        "turning blue",
    ]
)
# Families write in Spanish from the Spanish pages: the same emergencies, as
# they are typed (with and without accents).
SPANISH_CRISIS_KEYWORDS = [
    "sobredosis",
    "suicidio",
    "suicida",
    "matarme",
    "quitarme la vida",
    "quiero morir",
    "me quiero morir",
    "no quiero vivir",
    "hacerme daño",
    "hacerme dano",
    "no respira",
    "no puede respirar",
    "inconsciente",
    "se desmayó",
    "se desmayo",
    "se está poniendo azul",
    "se esta poniendo azul",
]
DEFAULT_CRISIS_KEYWORDS = "\n".join([DEFAULT_CRISIS_KEYWORDS, *SPANISH_CRISIS_KEYWORDS])

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol"]


def new_submission_token():
    """A random token for inquiries made outside the form (imports, tests)."""
    return secrets.token_urlsafe(18)


class ContactPage(RoutablePageMixin, SeoMixin, Page):
    """The page families use to ask for help: intro, form, privacy notice."""

    intro = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Shown above the form: who reads inquiries and how soon they reply.",
    )
    privacy_notice = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Shown beside the consent box: what is kept, who sees it, for how long.",
    )
    thank_you_text = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="What happens next, shown after an inquiry is sent. "
        "The admissions phone number is added automatically.",
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
        verbose_name = "contact page"

    # The views live in contact/views.py; these routes only connect them.
    @path("")
    def inquiry_form(self, request):
        from contact import views

        return views.inquiry_form(request, self)

    @path("thank-you/")
    def thank_you(self, request):
        from contact import views

        return views.thank_you(request, self)

    @path("form-token/")
    def form_token(self, request):
        from contact import views

        return views.form_token(request, self)


class Inquiry(models.Model):
    """One request for help sent through the website."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONTACTED = "contacted", _("Contacted")
        ASSESSMENT_SCHEDULED = "assessment_scheduled", _("Assessment scheduled")
        ADMITTED = "admitted", _("Admitted")
        REFERRED = "referred", _("Referred elsewhere")
        SPAM = "spam", _("Spam")
        CLOSED = "closed", _("Closed")

    class ContactMethod(models.TextChoices):
        # Worded as the family's answer, and never the name of another field
        # of the form (voice control says a name to pick a control).
        ANY = "any", _("No preference")
        PHONE = "phone", _("Call me")
        TEXT = "text", _("Text me")
        EMAIL = "email", _("Email me")

    class ContactTime(models.TextChoices):
        ANY = "any", _("Any time")
        MORNING = "morning", _("Morning")
        AFTERNOON = "afternoon", _("Afternoon")
        EVENING = "evening", _("Evening")

    class HelpFor(models.TextChoices):
        MYSELF = "myself", _("Myself")
        LOVED_ONE = "loved_one", _("A loved one")

    class Kind(models.TextChoices):
        QUESTION = "question", _("Inquiry")
        INSURANCE = "insurance", _("Insurance verification")

    class Verification(models.TextChoices):
        NEW = "new", _("New")
        VERIFYING = "verifying", _("Verifying")
        IN_NETWORK = "in_network", _("In network")
        OUT_OF_NETWORK = "out_of_network", _("Out of network")
        NEEDS_INFORMATION = "needs_information", _("Needs more information")
        SELF_PAY = "self_pay", _("Self-pay")

    kind = models.CharField(
        max_length=12,
        choices=Kind.choices,
        default=Kind.QUESTION,
        editable=False,
        db_index=True,
        help_text="What the family sent: the inquiry form or an insurance "
        "verification (insurance.InsuranceDetails).",
    )
    verification_status = models.CharField(
        "verification",
        max_length=20,
        choices=Verification.choices,
        blank=True,
        help_text="Where checking their coverage stands (insurance verifications).",
    )

    name = models.CharField(max_length=150)
    phone = models.CharField(
        max_length=32, blank=True, help_text="Stored in international form (E.164)."
    )
    email = models.EmailField(blank=True)
    preferred_contact_method = models.CharField(
        "preferred way to reach them",
        max_length=10,
        choices=ContactMethod.choices,
        default=ContactMethod.ANY,
    )
    preferred_contact_time = models.CharField(
        "best time to reach them",
        max_length=10,
        choices=ContactTime.choices,
        default=ContactTime.ANY,
    )
    help_for = models.CharField(
        "who needs help", max_length=10, choices=HelpFor.choices
    )
    message = EncryptedTextField(blank=True, max_length=5000)
    consent_to_contact = models.BooleanField(default=False)

    status = models.CharField(
        max_length=24, choices=Status.choices, default=Status.NEW, db_index=True
    )
    is_urgent = models.BooleanField(
        "urgent",
        default=False,
        help_text="The message mentioned an emergency (see Settings → Inquiries).",
    )
    spam_reason = models.CharField(max_length=40, blank=True, editable=False)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_inquiries",
        verbose_name="assigned to",
    )
    language = models.CharField(
        max_length=8,
        choices=[("en", "English"), ("es", "Spanish")],
        default="en",
        editable=False,
        db_index=True,
        help_text="The language of the page the family wrote from: call back in it.",
    )
    center = models.ForeignKey(
        "wagtailcore.Site",
        null=True,
        blank=True,
        # Never lost with its site: group-wide admissions still see it.
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        help_text="The center's site the family wrote to; its admissions team "
        "sees it (contact.centers).",
    )
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        help_text="The page the form was sent from.",
    )
    utm_source = models.CharField("campaign source", max_length=100, blank=True)
    utm_medium = models.CharField("campaign medium", max_length=100, blank=True)
    utm_campaign = models.CharField("campaign name", max_length=100, blank=True)
    # The one-time token of the form it came from: a second post of the same
    # form (double click, refresh, back-and-resubmit) cannot make a second row.
    submission_token = models.CharField(
        max_length=64, unique=True, editable=False, default=new_submission_token
    )
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When superusers were told this inquiry's notification had not gone out.
    unnotified_alert_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When admissions were reminded that nobody had opened this urgent inquiry.
    urgent_reminder_at = models.DateTimeField(null=True, blank=True, editable=False)
    first_responded_at = models.DateTimeField(
        "first response", null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField("received", default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-is_urgent", "-created_at"]
        verbose_name = "inquiry"
        verbose_name_plural = "inquiries"
        permissions = [
            ("export_inquiry", "Can export inquiries to CSV/XLSX"),
            ("view_every_center", "Can see the inquiries of every center"),
        ]

    def __str__(self):
        # No name: this label is copied into audit-log entries, which name the
        # center it was sent to.
        if self.center_id is None:
            return f"Inquiry #{self.pk}"
        return f"Inquiry #{self.pk}, {self.center.site_name or self.center.hostname}"

    def save(self, *args, **kwargs):
        if (
            self.first_responded_at is None
            and self.status not in (self.Status.NEW, self.Status.SPAM)
            and self.pk is not None
        ):
            self.first_responded_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {
                    *kwargs["update_fields"],
                    "first_responded_at",
                }
        super().save(*args, **kwargs)

    @property
    def prefers_spanish(self):
        return self.language == "es"

    @property
    def is_insurance_verification(self):
        return self.kind == self.Kind.INSURANCE

    @property
    def first_response_time(self):
        if self.first_responded_at is None:
            return None
        return self.first_responded_at - self.created_at

    @property
    def phone_display(self):
        from core import phone

        return phone.display(self.phone)


class InquiryNote(models.Model):
    """A timestamped internal note on an inquiry, written by admissions staff."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = EncryptedTextField(max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"Note on inquiry #{self.inquiry_id}"


@register_setting(icon="mail")
class InquirySettings(BaseSiteSetting):
    """Who hears about new inquiries, and which words mark one as an emergency."""

    notification_emails = models.TextField(
        blank=True,
        help_text="Addresses told that a new inquiry arrived, one per line. The "
        "email holds only a link to the admin, never names or messages. Leave "
        "empty to tell every active member of the center's admissions team.",
    )
    admissions_team = models.ForeignKey(
        "auth.Group",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The staff group that sees, exports and is emailed about this "
        "center's inquiries. Members of the Admissions group see every "
        "center's. Leave empty when the Admissions group handles this center.",
    )
    urgent_reminder_minutes = models.PositiveSmallIntegerField(
        "remind after (minutes)",
        default=10,
        help_text="An urgent inquiry nobody in admissions has opened after this "
        "many minutes sends one reminder email (a link, no names) to the "
        "Admissions group.",
    )
    crisis_keywords = models.TextField(
        default=DEFAULT_CRISIS_KEYWORDS,
        help_text="One word or phrase per line. An inquiry whose message contains "
        "one is flagged urgent and the family is shown 911 and 988 first.",
    )

    panels = [
        FieldPanel("admissions_team"),
        FieldPanel("notification_emails"),
        FieldPanel("crisis_keywords"),
        FieldPanel("urgent_reminder_minutes"),
    ]

    # Read when an inquiry arrives, never shown on a page: saving it leaves
    # cached pages alone (core.frontend_cache).
    shown_on_pages = False

    class Meta:
        verbose_name = "inquiries"

    def __str__(self):
        return "Inquiry settings"

    @property
    def notification_email_list(self):
        return [
            address.strip()
            for address in re.split(r"[\s,;]+", self.notification_emails)
            if address.strip()
        ]

    def mentions_crisis(self, text):
        """True when `text` contains any keyword (case-insensitive, whole words)."""
        normalised = " ".join(text.replace("’", "'").lower().split())
        for keyword in self.crisis_keywords.splitlines():
            keyword = " ".join(keyword.replace("’", "'").lower().split())
            if keyword and re.search(rf"(?<!\w){re.escape(keyword)}(?!\w)", normalised):
                return True
        return False
