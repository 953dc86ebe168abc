"""Field groups several page types share, each declared once.

Listed before `Page` in a page's bases, in this order:
HeroImageMixin, MedicalReviewMixin, seo.models.SeoMixin.
"""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.functional import cached_property

from wagtail.admin.panels import FieldPanel, FieldRowPanel

from core.images import HERO_FILTERS, images_with_renditions


class HeroImageMixin(models.Model):
    """The wide image at the top of a page, also its share image by default."""

    hero_image = models.ForeignKey(
        "core.SiteImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Wide image at the top of the page, also shown when the page is "
        "shared unless the Promote tab has a share image. Its alt text comes from "
        "the image library (or it is marked decorative there).",
    )

    # Every rendition of the hero the page's templates show, its share card
    # included: Wagtail takes a prefetched set as complete and makes any
    # other filter again on every view.
    hero_filters = HERO_FILTERS

    class Meta:
        abstract = True

    def prefetch_hero(self):
        """Fetch the hero image with its renditions in one query, unless it is
        already fetched (the page's head fetches it for its share card)."""
        if self.hero_image_id and not type(self).hero_image.is_cached(self):
            prefetch_related_objects(
                [self],
                Prefetch(
                    "hero_image", queryset=images_with_renditions(*self.hero_filters)
                ),
            )


class MedicalReviewMixin(models.Model):
    """Which clinician checked a page's medical facts, and when.

    Readers see it under the title and search engines in the page's
    MedicalWebPage data (seo.structured_data).
    """

    medical_reviewer = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The clinician who checked the medical facts.",
    )
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text="When the medical reviewer last checked this page.",
    )

    medical_review_panel = FieldRowPanel(
        [FieldPanel("medical_reviewer"), FieldPanel("last_reviewed")]
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.medical_reviewer_id and not self.last_reviewed:
            raise ValidationError(
                {"last_reviewed": "Add the date the medical reviewer checked it."}
            )

    @cached_property
    def reviewer(self):
        """The medical reviewer with their photo's renditions, read when shown."""
        if not self.medical_reviewer_id:
            return None
        person_model = apps.get_model("people", "Person")
        return (
            person_model.objects.select_related("photo")
            .prefetch_related("photo__renditions")
            .filter(pk=self.medical_reviewer_id)
            .first()
        )
