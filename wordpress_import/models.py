from django.db import models

from wagtail.documents import get_document_model_string


class ImportedItem(models.Model):
    """What one WordPress object became here, so a second import updates it.

    `fingerprint` is a digest of what the importer made from the object last
    time (so an unchanged object is left alone), `state` a digest of how the
    site's object looked right after (so an edit made here since is seen and
    kept). A page's state is the revision the import saved.
    """

    source = models.CharField(
        max_length=255, help_text="The WordPress site's address, from the export."
    )
    wp_type = models.CharField(max_length=20)
    wp_id = models.CharField(max_length=200)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image = models.ForeignKey(
        "core.SiteImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    document = models.ForeignKey(
        get_document_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    category = models.ForeignKey(
        "articles.ArticleCategory",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    fingerprint = models.CharField(max_length=64, blank=True)
    state = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "wp_type", "wp_id"], name="unique_imported_item"
            )
        ]
        verbose_name = "imported WordPress item"

    def __str__(self):
        return f"WordPress {self.wp_type} {self.wp_id}"
