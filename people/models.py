from django.conf import settings
from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index


class Person(index.Indexed, models.Model):
    """Someone named on the site: an article's author or medical reviewer."""

    name = models.CharField(max_length=120)
    credentials = models.CharField(
        max_length=60,
        blank=True,
        help_text="Letters after the name, e.g. “MD” or “LCSW, LADC”.",
    )
    role = models.CharField(
        max_length=120, blank=True, help_text="E.g. “Medical Director”."
    )
    photo = models.ForeignKey(
        "core.SiteImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A head-and-shoulders photo; its alt text comes from the image.",
    )
    bio = models.TextField(
        max_length=600, blank=True, help_text="Two or three sentences."
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        help_text="The admin account of this person: when they approve a medical "
        "review, this profile is shown as the reviewer.",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("credentials"), FieldPanel("role")],
            heading="Name",
        ),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("user", permission="auth.change_user"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "person"
        verbose_name_plural = "people"

    def __str__(self):
        return self.name_with_credentials

    @property
    def name_with_credentials(self):
        if self.credentials:
            return f"{self.name}, {self.credentials}"
        return self.name
