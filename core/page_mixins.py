"""Field groups several page types share, each declared once.

Listed before `Page` in a page's bases, in this order:
HeroImageMixin, MedicalReviewMixin, seo.models.SeoMixin.
"""

import hashlib
import json

from django.apps import apps
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.functional import cached_property

from wagtail.admin.panels import FieldPanel, FieldRowPanel

from wagtail_localize.fields import BaseTranslatableField

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

    Only approving the Medical review task writes them (editorial.models
    .sign_review): the editor shows them read-only, so no form post changes
    them, and a copy does not inherit them. The review also records a digest of
    what was reviewed (title and body); once either differs, however the page
    was published (the editor, bulk actions, a schedule, a copy), the page shows
    no review line until a review signs it again. Readers see the line under the
    title and search engines in the page's MedicalWebPage data
    (seo.structured_data), both through `reviewer` and `review_date`.
    """

    medical_reviewer = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Set by approving the Medical review task: the clinician who "
        "approved it.",
    )
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text="Set by approving the Medical review task: the day it was approved.",
    )
    review_due_override = models.DateField(
        "next review due",
        null=True,
        blank=True,
        help_text="Leave empty for the last review plus the review period "
        "(Settings → Medical review). Only medical reviewers can change it.",
    )
    reviewed_content = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="Digest of the title and body the medical reviewer approved.",
    )

    medical_review_panel = FieldRowPanel(
        [
            FieldPanel("medical_reviewer", read_only=True),
            FieldPanel("last_reviewed", read_only=True),
            FieldPanel(
                "review_due_override", permission="editorial.publish_health_content"
            ),
        ],
        help_text="Written only by approving the Medical review task. A change "
        "to the title or body needs a new review before the line shows again.",
    )

    # A copy is new content: it goes through its own review.
    exclude_fields_in_copy = ["medical_reviewer", "last_reviewed", "reviewed_content"]
    # So is a translation. wagtail-localize would otherwise copy the English
    # page's reviewer and dates onto it (neither translated nor kept in step,
    # so its translation editor does not offer them either).
    override_translatable_fields = [
        BaseTranslatableField(name)
        for name in ("medical_reviewer", "last_reviewed", "review_due_override")
    ]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        content_saved = update_fields is None or {"title", "body"} & set(update_fields)
        if (
            content_saved
            and (
                self.medical_reviewer_id or self.last_reviewed or self.reviewed_content
            )
            and self.reviewed_content != self.content_digest()
        ):
            # Published (or saved) with a title or body no review approved:
            # no review line, rather than one a review did not write.
            self.medical_reviewer = None
            self.last_reviewed = None
            self.reviewed_content = ""
            if update_fields is not None:
                kwargs["update_fields"] = {
                    *update_fields,
                    "medical_reviewer",
                    "last_reviewed",
                    "reviewed_content",
                }
        super().save(*args, **kwargs)

    def content_digest(self):
        """A digest of what a medical review covers: the title and the body."""
        body = getattr(self, "body", None)
        raw = body.get_prep_value() if body is not None else []
        material = json.dumps(
            [self.title, _without_block_ids(raw)], sort_keys=True, default=str
        )
        return hashlib.sha256(material.encode()).hexdigest()

    @property
    def review_is_current(self):
        # The digest is compared as the page is saved (below), where the body
        # is exactly as stored; rendering may change its Python form.
        return bool(
            self.medical_reviewer_id and self.last_reviewed and self.reviewed_content
        )

    @property
    def review_date(self):
        """The day of the review readers are shown, or None."""
        return self.last_reviewed if self.review_is_current else None

    @cached_property
    def reviewer(self):
        """The medical reviewer with their photo's renditions, read when shown;
        None unless a review signed exactly this title and body."""
        if not self.review_is_current:
            return None
        person_model = apps.get_model("people", "Person")
        return (
            person_model.objects.select_related("photo")
            .prefetch_related("photo__renditions")
            .filter(pk=self.medical_reviewer_id)
            .first()
        )


def _without_block_ids(value):
    # Block ids are not content, and StreamField may make new ones on load.
    if isinstance(value, dict):
        return {k: _without_block_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [_without_block_ids(item) for item in value]
    return value
