from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.http.request import split_domain_port
from django.utils.translation import get_language

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Site

from core import generation, languages, phone
from core.blocks import CallStepBlock, CredentialBlock, CrisisLineBlock

DEFAULT_ADMISSIONS_PHONE = "+18662761920"
# Error pages served while the database is down read the center's name and phone
# from this cache entry, refreshed on every save (Redis in production is shared).
FALLBACK_CACHE_KEY = "core:center-fallback"


class SiteImage(AbstractImage):
    """An image with alt text that editors must write, or mark decorative."""

    is_decorative = models.BooleanField(
        "decorative",
        default=False,
        help_text=(
            "Tick only for images that add nothing a screen-reader user would miss. "
            "Decorative images get empty alt text."
        ),
    )

    admin_form_fields = (*Image.admin_form_fields, "is_decorative")

    class Meta(AbstractImage.Meta):
        verbose_name = "image"
        verbose_name_plural = "images"

    def clean(self):
        super().clean()
        if not self.is_decorative and not (self.description or "").strip():
            raise ValidationError(
                {
                    "description": (
                        "Describe the image for people who cannot see it "
                        "(alt text), or tick “decorative”."
                    )
                }
            )

    @property
    def default_alt_text(self):
        if self.is_decorative:
            return ""
        return self.description or self.title


class SiteRendition(AbstractRendition):
    image = models.ForeignKey(
        SiteImage, on_delete=models.CASCADE, related_name="renditions"
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class NamedInSpanish(models.Model):
    """A list term (a category, a level of care) editors name for the Spanish
    pages; `shown_name` is the name in the visitor's language."""

    name_es = models.CharField(
        "name on the Spanish pages",
        max_length=80,
        blank=True,
        help_text="Leave empty to show the name above.",
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.shown_name

    @property
    def shown_name(self):
        return languages.worded(self, "name")

    @property
    def shown_description(self):
        return languages.worded(self, "description")

    @staticmethod
    def spanish_panel():
        return MultiFieldPanel(
            [FieldPanel("name_es"), FieldPanel("description_es")],
            heading="On the Spanish pages",
        )


class RememberedSiteSetting:
    """A site setting every page view reads, kept in memory per content
    generation (saving any setting bumps it) instead of read from the database
    on each request. Listed before BaseSiteSetting in a setting's bases."""

    @classmethod
    def for_request(cls, request):
        attr_name = cls.get_cache_attr_name()
        site = Site.find_for_request(request)
        if site is None or hasattr(request, attr_name):
            return super().for_request(request)
        site_settings = generation.remembered(
            request,
            f"{cls._meta.label_lower}:{site.pk}",
            # By the site's id, as for_site would by the site: kept without the
            # site and its pages, which every request finds for itself.
            lambda: cls.base_queryset().get_or_create(site_id=site.pk)[0],
        )
        # As Wagtail does: lets settings make page URLs for this request.
        site_settings._request = request
        setattr(request, attr_name, site_settings)
        return site_settings


@register_setting(icon="site")
class CenterSettings(RememberedSiteSetting, BaseSiteSetting):
    """Facts about the center shown on every page; the one place each is kept."""

    center_name = models.CharField(max_length=120, default="Evoke Wellness at Waltham")
    logo = models.ForeignKey(
        SiteImage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tagline = models.CharField(
        max_length=160,
        blank=True,
        default="Build a foundation for lasting recovery from addiction",
    )
    admissions_phone = models.CharField(
        max_length=32,
        default=DEFAULT_ADMISSIONS_PHONE,
        validators=[phone.validate_phone],
        help_text="Shown on every page and dialled by the call buttons. "
        "Type it any common way, e.g. 866.276.1920.",
    )
    admissions_hours = models.CharField(
        max_length=160,
        blank=True,
        default="Admissions answers 24 hours a day, 7 days a week",
    )
    address = models.TextField(
        blank=True,
        default="Evoke Wellness at Waltham\nWaltham, MA 02451",
        help_text="One line per line of the postal address.",
    )
    crisis_lines = StreamField(
        [("crisis_line", CrisisLineBlock())],
        blank=True,
        help_text="Shown in the footer and on error pages. Keep 988 first.",
    )
    credentials = StreamField(
        [("credential", CredentialBlock())],
        blank=True,
        verbose_name="accreditations and licenses",
        help_text="Shown as badges on the home and contact pages. List only what "
        "the center holds today, worded as the accreditor or licensing body "
        "allows.",
    )
    call_steps = StreamField(
        [("step", CallStepBlock())],
        blank=True,
        verbose_name="what happens when you call",
        help_text="Three or four short steps, shown on the home and contact pages "
        "so a family knows what the call will be like.",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Linked from the footer of every page.",
    )

    # The same facts worded for the Spanish pages (/es/); left empty, a
    # Spanish page shows the English wording.
    tagline_es = models.CharField("tagline", max_length=160, blank=True)
    admissions_hours_es = models.CharField(
        "admissions hours", max_length=160, blank=True
    )
    call_steps_es = StreamField(
        [("step", CallStepBlock())],
        blank=True,
        verbose_name="what happens when you call",
    )
    crisis_lines_es = StreamField(
        [("crisis_line", CrisisLineBlock())],
        blank=True,
        verbose_name="crisis lines",
        help_text="For example: Línea 988 de Prevención del Suicidio y Crisis, "
        "988, “Llame o envíe un mensaje de texto; oprima 2 para español”.",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("center_name"), FieldPanel("logo"), FieldPanel("tagline")],
            heading="Identity",
        ),
        MultiFieldPanel(
            [
                FieldPanel("admissions_phone"),
                FieldPanel("admissions_hours"),
                FieldPanel("address"),
            ],
            heading="Admissions",
        ),
        FieldPanel("call_steps"),
        FieldPanel("credentials"),
        FieldPanel("crisis_lines"),
        FieldPanel("privacy_page"),
        MultiFieldPanel(
            [
                FieldPanel("tagline_es"),
                FieldPanel("admissions_hours_es"),
                FieldPanel("call_steps_es"),
                FieldPanel("crisis_lines_es"),
            ],
            heading="On the Spanish pages",
            help_text="What the Spanish pages say instead; leave a field empty to "
            "show the English one there.",
        ),
    ]

    # Worded per language: {language code: {field: the field holding it}}.
    WORDED_IN = {
        "es": {
            "tagline": "tagline_es",
            "admissions_hours": "admissions_hours_es",
            "call_steps": "call_steps_es",
            "crisis_lines": "crisis_lines_es",
        }
    }

    select_related = ["logo", "privacy_page"]

    @classmethod
    def base_queryset(cls):
        # Every page shows the logo at three sizes and shares it at a fourth:
        # its renditions come with the settings, in one query.
        return super().base_queryset().prefetch_related("logo__renditions")

    @classmethod
    def for_request(cls, request):
        return super().for_request(request).worded_for(get_language())

    def worded_for(self, language):
        """These settings with the wording editors gave for `language` (a copy
        of this request's, so nothing is saved or shared)."""
        for name, worded in self.WORDED_IN.get(language, {}).items():
            value = getattr(self, worded)
            if value:
                setattr(self, name, value)
        return self

    class Meta:
        verbose_name = "center details"
        verbose_name_plural = "center details"

    def __str__(self):
        return self.center_name

    def clean(self):
        super().clean()
        phone.normalise_field(self, "admissions_phone")

    def save(self, *args, **kwargs):
        self.admissions_phone = phone.to_e164(self.admissions_phone)
        super().save(*args, **kwargs)
        known = {
            "center_name": self.center_name,
            "admissions_phone": self.admissions_phone,
        }
        # By hostname, the one thing a request tells without the database;
        # the default site's also answers for every other name.
        cache.set(f"{FALLBACK_CACHE_KEY}:{self.site.hostname}", known, timeout=None)
        if self.site.is_default_site:
            cache.set(FALLBACK_CACHE_KEY, known, timeout=None)

    @classmethod
    def from_fallback_cache(cls, request=None):
        """An unsaved copy with the last saved name and phone of the center
        `request` is for (else the default center's), or the defaults."""
        try:
            known = None
            if request is not None:
                hostname = split_domain_port(request.get_host())[0]
                known = cache.get(f"{FALLBACK_CACHE_KEY}:{hostname}")
            known = known or cache.get(FALLBACK_CACHE_KEY) or {}
        except Exception:  # noqa: BLE001 - a cache outage must not break the error page
            known = {}
        return cls(**known)

    @property
    def admissions_phone_display(self):
        return phone.display(self.admissions_phone)

    @property
    def admissions_phone_href(self):
        return phone.tel_href(self.admissions_phone)

    @property
    def address_lines(self):
        return [line for line in self.address.splitlines() if line.strip()]
