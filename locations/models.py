from urllib.parse import urlencode

from django.db import models
from django.forms import CheckboxSelectMultiple

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core import languages, phone
from seo.models import SeoMixin

MAP_SEARCH_URL = "https://www.openstreetmap.org/search"


class LocationPage(SeoMixin, Page):
    """A treatment center: where it is, when it is open, whom to call."""

    address = models.TextField(
        help_text="One line per line of the postal address, as on an envelope."
    )
    hours = models.TextField(
        blank=True,
        help_text="One line per line, e.g. “Admissions: 24 hours a day, 7 days a "
        "week”.",
    )
    admissions_phone = models.CharField(
        max_length=32,
        blank=True,
        validators=[phone.validate_phone],
        help_text="This center’s own admissions line. Leave empty to use the "
        "number in Settings → Center details.",
    )
    map_url = models.URLField(
        blank=True,
        verbose_name="map link",
        help_text="A link to the center on a map website. Leave empty to link a "
        "map search for the address. Maps are linked, never embedded, so no "
        "other website sees who visits this page.",
    )
    description = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text="What visitors should know: parking, visiting, what to bring.",
    )
    services = ParentalManyToManyField(
        "services.ServicePage",
        blank=True,
        related_name="locations",
        help_text="The programs offered at this center.",
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("map_url"),
                FieldPanel("hours"),
                FieldPanel("admissions_phone"),
            ],
            heading="Finding and calling us",
        ),
        FieldPanel("description"),
        FieldPanel("services", widget=CheckboxSelectMultiple),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("address"),
        # Boosted: ranked with the title in site search (site_search/vectors.py).
        index.SearchField("description", boost=2),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = "location"

    def clean(self):
        super().clean()
        phone.normalise_field(self, "admissions_phone")

    def save(self, *args, **kwargs):
        if self.admissions_phone:
            self.admissions_phone = phone.to_e164(self.admissions_phone)
        super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        services = list(
            self.services.live().public().defer_streamfields().order_by("path")
        )
        # A Spanish location page links each program's Spanish page (its
        # programs are the English pages it was translated from).
        languages.prepare_translations(services)
        context["services"] = [languages.in_visitors_language(s) for s in services]
        return context

    @property
    def address_lines(self):
        return [line for line in self.address.splitlines() if line.strip()]

    @property
    def hours_lines(self):
        return [line for line in self.hours.splitlines() if line.strip()]

    @property
    def map_link(self):
        if self.map_url:
            return self.map_url
        return f"{MAP_SEARCH_URL}?{urlencode({'query': ', '.join(self.address_lines)})}"
