"""Daily counts of what visitors do on the site, with nothing about who did it.

A row is one day, one page at one address and one event, split by the
campaign tags and the referring site's domain the visit came with. The page is
part of the row's key, for every center's site has its own home page at "/".
No row holds an address, an identifier or a time finer than the day (see
insights.counting).
"""

from django.db import models
from django.utils import timezone


class DailyCount(models.Model):
    """How many times `event` happened on `path` on `date` (site time)."""

    class Event(models.TextChoices):
        VIEW = "view", "Page view"
        CALL = "call", "Call tap"
        INQUIRY_START = "inquiry_start", "Inquiry form started"
        INQUIRY_DONE = "inquiry_done", "Inquiry sent"
        INSURANCE_START = "insurance_start", "Insurance verification started"
        INSURANCE_DONE = "insurance_done", "Insurance verification sent"

    date = models.DateField(db_index=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    path = models.CharField(max_length=255)
    event = models.CharField(max_length=20, choices=Event.choices)
    phone = models.CharField(
        max_length=16, blank=True, help_text="The number tapped (call taps only)."
    )
    utm_source = models.CharField("campaign source", max_length=100, blank=True)
    utm_medium = models.CharField("campaign medium", max_length=100, blank=True)
    utm_campaign = models.CharField("campaign name", max_length=100, blank=True)
    gclid = models.BooleanField(
        "came from a Google ad", default=False, help_text="Only whether, never which."
    )
    referrer_domain = models.CharField(max_length=253, blank=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["date", "path", "event"]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "date",
                    "page",
                    "path",
                    "event",
                    "phone",
                    "utm_source",
                    "utm_medium",
                    "utm_campaign",
                    "gclid",
                    "referrer_domain",
                ],
                name="insights_one_row_per_day_page_and_kind",
            )
        ]

    def __str__(self):
        return f"{self.date} {self.path} {self.event}: {self.count}"


class FlushedBatch(models.Model):
    """A batch of Redis counters already added to DailyCount.

    Written in the same transaction as the counts, so a flush that dies after
    committing and before deleting its batch never adds the batch twice.
    """

    key = models.CharField(max_length=200, unique=True)
    flushed_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return self.key
